"""Hand-written attention with a tril mask, GPT-2-style small init, unfold for the batches."""

import math

import torch
import torch.nn.functional as F
from torch import nn


class CausalSelfAttention(nn.Module):
    def __init__(self, d, h):
        super().__init__()
        self.h = h
        self.q, self.k, self.v, self.o = (nn.Linear(d, d) for _ in range(4))

    def forward(self, x):
        B, T, d = x.shape
        dh = d // self.h

        def heads(t):
            return t.view(B, T, self.h, dh).permute(0, 2, 1, 3)

        q, k, v = heads(self.q(x)), heads(self.k(x)), heads(self.v(x))
        scores = q @ k.transpose(-2, -1) / math.sqrt(dh)
        allowed = torch.tril(torch.ones(T, T, dtype=torch.bool, device=x.device))
        weights = scores.masked_fill(~allowed, float("-inf")).softmax(-1)
        return self.o((weights @ v).permute(0, 2, 1, 3).reshape(B, T, d))


class Layer(nn.Module):
    def __init__(self, d, h):
        super().__init__()
        self.n1, self.n2 = nn.LayerNorm(d), nn.LayerNorm(d)
        self.att = CausalSelfAttention(d, h)
        self.ff = nn.Sequential(nn.Linear(d, 4 * d), nn.GELU(), nn.Linear(4 * d, d))

    def forward(self, x):
        x = x + self.att(self.n1(x))
        return x + self.ff(self.n2(x))


class TinyGPT(nn.Module):
    def __init__(self, vocab_size, block_size, d_model=32, n_heads=4, n_layers=2):
        super().__init__()
        self.block_size = block_size
        self.wte = nn.Embedding(vocab_size, d_model)
        self.wpe = nn.Embedding(block_size, d_model)
        self.h = nn.Sequential(*[Layer(d_model, n_heads) for _ in range(n_layers)])
        self.ln_f = nn.LayerNorm(d_model)
        self.head = nn.Linear(d_model, vocab_size)
        for m in self.modules():
            if isinstance(m, nn.Linear | nn.Embedding):
                nn.init.normal_(m.weight, std=0.02)

    def forward(self, idx):
        pos = torch.arange(idx.size(1), device=idx.device)
        return self.head(self.ln_f(self.h(self.wte(idx) + self.wpe(pos)[None])))


def get_batch(data, block_size, batch_size, generator=None):
    windows = data.unfold(0, block_size + 1, 1)  # every (block_size + 1)-long window, one per start
    rows = windows[torch.randint(windows.shape[0], (batch_size,), generator=generator).to(data.device)]
    return rows[:, :-1], rows[:, 1:]


def train(model, data, steps, batch_size=32, lr=1e-2, generator=None):
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    losses = []
    for _ in range(steps):
        x, y = get_batch(data, model.block_size, batch_size, generator)
        loss = F.cross_entropy(model(x).view(-1, model.head.out_features), y.reshape(-1))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


def sample(model, idx, n_new, temperature=1.0, top_k=None, generator=None):
    for _ in range(n_new):
        with torch.no_grad():
            logits = model(idx[:, -model.block_size:])[:, -1, :]
        if temperature == 0:
            nxt = torch.argmax(logits, dim=-1, keepdim=True)
        else:
            if top_k is not None:
                cutoff = logits.sort(dim=-1, descending=True).values[:, top_k - 1:top_k]
                logits = torch.where(logits >= cutoff, logits, torch.full_like(logits, -math.inf))
            nxt = torch.multinomial(F.softmax(logits / temperature, dim=-1), 1, generator=generator)
        idx = torch.cat((idx, nxt), dim=1)
    return idx
