"""PyTorch's own encoder layer as the block, a float causal mask, top-k on probabilities."""

import torch
from torch import nn


class TinyGPT(nn.Module):
    def __init__(self, vocab_size, block_size, d_model=32, n_heads=4, n_layers=2):
        super().__init__()
        self.block_size = block_size
        self.embed = nn.Embedding(vocab_size, d_model)
        self.positions = nn.Parameter(torch.zeros(block_size, d_model))
        nn.init.normal_(self.positions, std=0.1)
        self.layers = nn.ModuleList(
            nn.TransformerEncoderLayer(d_model, n_heads, 4 * d_model, dropout=0.0, activation="gelu",
                                       batch_first=True, norm_first=True)
            for _ in range(n_layers))
        self.norm = nn.LayerNorm(d_model)
        self.lm_head = nn.Linear(d_model, vocab_size, bias=False)

    def forward(self, idx):
        T = idx.shape[1]
        mask = nn.Transformer.generate_square_subsequent_mask(T, device=idx.device)  # -inf above the diagonal
        h = self.embed(idx) + self.positions[:T]
        for layer in self.layers:
            h = layer(h, src_mask=mask, is_causal=True)
        return self.lm_head(self.norm(h))


def get_batch(data, block_size, batch_size, generator=None):
    xs, ys = [], []
    for _ in range(batch_size):
        s = int(torch.randint(0, len(data) - block_size, (1,), generator=generator))
        chunk = data[s:s + block_size + 1]
        xs.append(chunk[:-1])
        ys.append(chunk[1:])
    return torch.stack(xs), torch.stack(ys)


def train(model, data, steps, batch_size=32, lr=1e-2, generator=None):
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = nn.CrossEntropyLoss()
    history = []
    for _ in range(steps):
        x, y = get_batch(data, model.block_size, batch_size, generator)
        logits = model(x)
        loss = loss_fn(logits.flatten(0, 1), y.flatten())
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        history.append(float(loss))
    return history


def sample(model, idx, n_new, temperature=1.0, top_k=None, generator=None):
    out = idx
    with torch.no_grad():
        for _ in range(n_new):
            last = model(out[:, -model.block_size:])[:, -1]
            if temperature == 0:
                choice = last.argmax(-1)
            else:
                probs = torch.softmax(last / temperature, dim=-1)
                if top_k is not None:
                    top_p, top_i = probs.topk(top_k, dim=-1)
                    pick = torch.multinomial(top_p, 1, generator=generator)  # renormalised by multinomial
                    choice = top_i.gather(-1, pick).squeeze(-1)
                else:
                    choice = torch.multinomial(probs, 1, generator=generator).squeeze(-1)
            out = torch.cat([out, choice[:, None]], dim=1)
    return out
