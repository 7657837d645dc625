# expect: POST-norm
"""Hand-written blocks with the norm AFTER the residual sum (the 2017 layout), a final LayerNorm kept."""

import torch
import torch.nn.functional as F
from torch import nn


class Block(nn.Module):
    """Pre-norm decoder block: x + attn(ln1(x)), then x + mlp(ln2(x)); causal self-attention."""

    def __init__(self, d_model: int, n_heads: int):
        super().__init__()
        self.n_heads = n_heads
        self.ln1 = nn.LayerNorm(d_model)
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.proj = nn.Linear(d_model, d_model)
        self.ln2 = nn.LayerNorm(d_model)
        self.mlp = nn.Sequential(nn.Linear(d_model, 4 * d_model), nn.GELU(), nn.Linear(4 * d_model, d_model))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        B, T, E = x.shape
        q, k, v = self.qkv(x).split(E, dim=-1)
        # (B, T, E) -> (B, H, T, E/H): heads next to the batch axis
        q, k, v = (a.view(B, T, self.n_heads, E // self.n_heads).transpose(1, 2) for a in (q, k, v))
        ctx = F.scaled_dot_product_attention(q, k, v, is_causal=True)
        x = self.ln1(x + self.proj(ctx.transpose(1, 2).reshape(B, T, E)))
        return self.ln2(x + self.mlp(x))


class TinyGPT(nn.Module):
    def __init__(self, vocab_size: int, block_size: int, d_model: int = 32, n_heads: int = 4, n_layers: int = 2):
        super().__init__()
        self.block_size = block_size
        self.tok_emb = nn.Embedding(vocab_size, d_model)
        self.pos_emb = nn.Embedding(block_size, d_model)
        self.blocks = nn.ModuleList(Block(d_model, n_heads) for _ in range(n_layers))
        self.ln_f = nn.LayerNorm(d_model)
        self.head = nn.Linear(d_model, vocab_size)

    def forward(self, idx: torch.Tensor) -> torch.Tensor:
        T = idx.shape[1]
        x = self.tok_emb(idx) + self.pos_emb(torch.arange(T, device=idx.device))
        for block in self.blocks:
            x = block(x)
        return self.head(self.ln_f(x))  # (B, T, V) logits


def get_batch(data: torch.Tensor, block_size: int, batch_size: int, generator=None):
    # A window needs block_size + 1 tokens, so the last valid start is len(data) - block_size - 1.
    starts = torch.randint(len(data) - block_size, (batch_size,), generator=generator).tolist()
    x = torch.stack([data[s : s + block_size] for s in starts])
    y = torch.stack([data[s + 1 : s + block_size + 1] for s in starts])
    return x, y


def train(model, data, steps, batch_size=32, lr=1e-2, generator=None):
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr)
    model.train()
    losses = []
    for _ in range(steps):
        x, y = get_batch(data, model.block_size, batch_size, generator)
        logits = model(x)
        loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), y.reshape(-1))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


@torch.no_grad()
def sample(model, idx, n_new, temperature=1.0, top_k=None, generator=None):
    for _ in range(n_new):
        logits = model(idx[:, -model.block_size :])[:, -1, :]  # only the last position predicts the next token
        if temperature == 0:
            nxt = logits.argmax(dim=-1, keepdim=True)
        else:
            logits = logits / temperature
            if top_k is not None:
                kth = torch.topk(logits, top_k, dim=-1).values[:, -1:]
                logits = logits.masked_fill(logits < kth, float("-inf"))
            nxt = torch.multinomial(torch.softmax(logits, dim=-1), 1, generator=generator)
        idx = torch.cat([idx, nxt], dim=1)
    return idx
