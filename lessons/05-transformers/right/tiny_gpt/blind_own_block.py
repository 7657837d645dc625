# variant: hand-written pre-norm Block with manual multi-head attention (masked_fill on a tril buffer), gather-based batches
import math

import torch
import torch.nn.functional as F
from torch import nn


class MultiHeadAttention(nn.Module):
    def __init__(self, d_model, n_heads, block_size):
        super().__init__()
        self.h = n_heads
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.proj = nn.Linear(d_model, d_model)
        self.register_buffer("tril", torch.tril(torch.ones(block_size, block_size, dtype=torch.bool)))

    def forward(self, x):
        B, T, D = x.shape
        q, k, v = self.qkv(x).split(D, dim=-1)
        q, k, v = (t.view(B, T, self.h, D // self.h).transpose(1, 2) for t in (q, k, v))
        att = (q @ k.transpose(-2, -1)) / math.sqrt(D // self.h)
        att = att.masked_fill(~self.tril[:T, :T], float("-inf")).softmax(dim=-1)
        out = (att @ v).transpose(1, 2).reshape(B, T, D)
        return self.proj(out)


class Block(nn.Module):
    def __init__(self, d_model, n_heads, block_size):
        super().__init__()
        self.ln1 = nn.LayerNorm(d_model)
        self.attn = MultiHeadAttention(d_model, n_heads, block_size)
        self.ln2 = nn.LayerNorm(d_model)
        self.mlp = nn.Sequential(nn.Linear(d_model, 4 * d_model), nn.GELU(), nn.Linear(4 * d_model, d_model))

    def forward(self, x):
        x = x + self.attn(self.ln1(x))
        return x + self.mlp(self.ln2(x))


class TinyGPT(nn.Module):
    def __init__(self, vocab_size: int, block_size: int, d_model: int = 32, n_heads: int = 4, n_layers: int = 2):
        super().__init__()
        self.block_size = block_size
        self.tok = nn.Embedding(vocab_size, d_model)
        self.pos = nn.Parameter(torch.randn(block_size, d_model) * 0.02)
        self.blocks = nn.ModuleList(Block(d_model, n_heads, block_size) for _ in range(n_layers))
        self.ln_f = nn.LayerNorm(d_model)
        self.head = nn.Linear(d_model, vocab_size)

    def forward(self, idx: torch.Tensor) -> torch.Tensor:
        T = idx.shape[1]
        x = self.tok(idx) + self.pos[:T]
        for b in self.blocks:
            x = b(x)
        return self.head(self.ln_f(x))


def get_batch(data: torch.Tensor, block_size: int, batch_size: int, generator=None):
    starts = torch.randint(0, len(data) - block_size, (batch_size,), generator=generator)
    offs = torch.arange(block_size + 1)
    win = data[starts[:, None] + offs[None, :]]
    return win[:, :-1], win[:, 1:]


def train(model, data, steps, batch_size=32, lr=1e-2, generator=None):
    dev = next(model.parameters()).device
    opt = torch.optim.AdamW(model.parameters(), lr=lr)
    model.train()
    out = []
    for _ in range(steps):
        x, y = get_batch(data, model.block_size, batch_size, generator)
        logits = model(x.to(dev))
        loss = F.cross_entropy(logits.transpose(1, 2), y.to(dev))   # class axis second
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        out.append(float(loss))
    return out


@torch.no_grad()
def sample(model, idx, n_new, temperature=1.0, top_k=None, generator=None):
    seq = idx
    for _ in range(n_new):
        last = model(seq[:, -model.block_size:])[:, -1, :]
        if temperature == 0:
            nxt = torch.argmax(last, dim=-1).unsqueeze(-1)
        else:
            last = last / temperature
            if top_k is not None and top_k < last.shape[-1]:
                vals, _ = torch.sort(last, dim=-1, descending=True)
                last = torch.where(last < vals[:, top_k - 1:top_k], torch.full_like(last, float("-inf")), last)
            nxt = torch.multinomial(torch.softmax(last, dim=-1), num_samples=1, generator=generator)
        seq = torch.cat((seq, nxt), dim=1)
    return seq
