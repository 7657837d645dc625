# variant: nn.TransformerEncoderLayer with the float mask from generate_square_subsequent_mask, unfold-based batches, while-loop sampler
import torch
import torch.nn.functional as F
from torch import nn


class TinyGPT(nn.Module):
    def __init__(self, vocab_size: int, block_size: int, d_model: int = 32, n_heads: int = 4, n_layers: int = 2):
        super().__init__()
        self.block_size = block_size
        self.wte = nn.Embedding(vocab_size, d_model)
        self.wpe = nn.Embedding(block_size, d_model)
        self.layers = nn.ModuleList(
            nn.TransformerEncoderLayer(d_model, n_heads, 4 * d_model, dropout=0.0, batch_first=True, norm_first=True)
            for _ in range(n_layers))
        self.norm = nn.LayerNorm(d_model)
        self.lm_head = nn.Linear(d_model, vocab_size)

    def forward(self, idx):
        T = idx.size(1)
        h = self.wte(idx) + self.wpe.weight[:T].unsqueeze(0)
        mask = nn.Transformer.generate_square_subsequent_mask(T, device=idx.device)
        for layer in self.layers:
            h = layer(h, src_mask=mask, is_causal=True)
        return self.lm_head(self.norm(h))


def get_batch(data, block_size, batch_size, generator=None):
    starts = torch.randint(len(data) - block_size, (batch_size,), generator=generator)
    windows = data.unfold(0, block_size + 1, 1)[starts]   # (B, block_size + 1)
    return windows[:, :block_size].contiguous(), windows[:, 1:].contiguous()


def train(model, data, steps, batch_size=32, lr=1e-2, generator=None):
    device = next(model.parameters()).device
    optim = torch.optim.AdamW(model.parameters(), lr=lr)
    model.train()
    history = []
    step = 0
    while step < steps:
        xb, yb = (t.to(device) for t in get_batch(data, model.block_size, batch_size, generator))
        logits = model(xb)
        B, T, V = logits.shape
        loss = F.cross_entropy(logits.view(B * T, V), yb.view(B * T))
        optim.zero_grad()
        loss.backward()
        optim.step()
        history.append(loss.item())
        step += 1
    return history


@torch.no_grad()
def sample(model, idx, n_new, temperature=1.0, top_k=None, generator=None):
    out = idx.clone()
    while out.size(1) < idx.size(1) + n_new:
        z = model(out[:, -model.block_size:])[:, -1]
        if temperature == 0:
            choice = z.max(dim=-1, keepdim=True).indices
        else:
            z = z / temperature
            if top_k is not None:
                kth = z.topk(min(top_k, z.size(-1)), dim=-1).values[..., -1, None]
                z = z.masked_fill(z < kth, -float("inf"))
            choice = torch.multinomial(F.softmax(z, -1), 1, generator=generator)
        out = torch.cat([out, choice], 1)
    return out
