"""The decoder the kv_cache exercise generates from (the starter shows the learner the same class).

A GPT-style model with separate q/k/v projections, so a cache of projected keys and values has one
obvious meaning. `forward(idx)` recomputes everything: it is the yardstick the cache must match.
"""

import math

import torch
from torch import nn


class Attention(nn.Module):
    def __init__(self, d_model: int, n_heads: int):
        super().__init__()
        self.n_heads = n_heads
        self.q_proj = nn.Linear(d_model, d_model)
        self.k_proj = nn.Linear(d_model, d_model)
        self.v_proj = nn.Linear(d_model, d_model)
        self.out_proj = nn.Linear(d_model, d_model)

    def split(self, x):
        """(B, T, d) -> (B, n_heads, T, d / n_heads)."""
        B, T, d = x.shape
        return x.view(B, T, self.n_heads, d // self.n_heads).transpose(1, 2)

    def forward(self, x):
        B, T, d = x.shape
        q, k, v = self.split(self.q_proj(x)), self.split(self.k_proj(x)), self.split(self.v_proj(x))
        scores = q @ k.transpose(-1, -2) / math.sqrt(d // self.n_heads)
        allowed = torch.ones(T, T, dtype=torch.bool, device=x.device).tril()
        weights = scores.masked_fill(~allowed, float("-inf")).softmax(-1)
        return self.out_proj((weights @ v).transpose(1, 2).reshape(B, T, d))


class Block(nn.Module):
    def __init__(self, d_model: int, n_heads: int):
        super().__init__()
        self.ln1 = nn.LayerNorm(d_model)
        self.attn = Attention(d_model, n_heads)
        self.ln2 = nn.LayerNorm(d_model)
        self.mlp = nn.Sequential(nn.Linear(d_model, 4 * d_model), nn.GELU(), nn.Linear(4 * d_model, d_model))

    def forward(self, x):
        x = x + self.attn(self.ln1(x))
        return x + self.mlp(self.ln2(x))


class TinyDecoder(nn.Module):
    def __init__(
        self, vocab_size: int = 20, block_size: int = 64, d_model: int = 32, n_heads: int = 4, n_layers: int = 2
    ):
        super().__init__()
        self.block_size = block_size
        self.tok_emb = nn.Embedding(vocab_size, d_model)
        self.pos_emb = nn.Embedding(block_size, d_model)
        self.blocks = nn.ModuleList(Block(d_model, n_heads) for _ in range(n_layers))
        self.ln_f = nn.LayerNorm(d_model)
        self.head = nn.Linear(d_model, vocab_size)

    def forward(self, idx):
        """Logits (B, T, V) for every position, everything recomputed."""
        x = self.tok_emb(idx) + self.pos_emb(torch.arange(idx.shape[1], device=idx.device))
        for block in self.blocks:
            x = block(x)
        return self.head(self.ln_f(x))


def greedy_full(model, idx, n_new):
    """Greedy generation by full recomputation: (tokens (B, T0 + n_new), logits (B, n_new, V))."""
    steps = []
    for _ in range(n_new):
        logits = model(idx)[:, -1]
        steps.append(logits)
        idx = torch.cat([idx, logits.argmax(-1, keepdim=True)], dim=1)
    return idx, torch.stack(steps, dim=1)


def cached_forward(model, idx, cache=None, *, positions="offset", mask="offset", store="k", attend="all", scale=True):
    """The checker's own cached forward, with switches that reproduce known mistakes.

    positions: "offset" (right: past length + i), "zero" (every call starts again at position 0) or
               "plus_one" (after a cache, new tokens start one past the right position, T_past + 1)
    mask: "offset" (right), "topleft" (tril aligned to the top-left corner, as is_causal=True does when
          there are more keys than queries) or "none"
    store: what the cache keeps as keys: "k" (right) or "q"
    attend: "all" (right: cached + new keys) or "new" (the cache is written but never read)
    scale: divide the scores by sqrt(head_dim) (True, right), not at all (False), or by sqrt(d_model) ("d_model")
    """
    past = 0 if cache is None else cache[0][0].shape[2]
    T = idx.shape[1]
    start = {"offset": past, "zero": 0, "plus_one": past + 1 if cache is not None else 0}[positions]
    x = model.tok_emb(idx) + model.pos_emb(torch.arange(start, start + T, device=idx.device))
    new_cache = []
    for i, block in enumerate(model.blocks):
        a = block.attn
        h = block.ln1(x)
        q, k, v = a.split(a.q_proj(h)), a.split(a.k_proj(h)), a.split(a.v_proj(h))
        kept = q if store == "q" else k
        if cache is not None:
            k_all = torch.cat([cache[i][0], k], dim=2)
            v_all = torch.cat([cache[i][1], v], dim=2)
            kept_all = torch.cat([cache[i][0], kept], dim=2)
        else:
            k_all, v_all, kept_all = k, v, kept
        new_cache.append((kept_all, v_all))
        if attend == "new":
            k_use, v_use = k, v
        else:
            k_use, v_use = k_all, v_all
        Tk = k_use.shape[2]
        width = {True: q.shape[-1], False: 1, "d_model": q.shape[-1] * a.n_heads}[scale]
        scores = q @ k_use.transpose(-1, -2) / math.sqrt(width)
        if mask != "none":
            diagonal = Tk - T if mask == "offset" else 0
            allowed = torch.ones(T, Tk, dtype=torch.bool, device=x.device).tril(diagonal=diagonal)
            scores = scores.masked_fill(~allowed, float("-inf"))
        ctx = scores.softmax(-1) @ v_use
        B, _, _, dh = ctx.shape
        x = x + a.out_proj(ctx.transpose(1, 2).reshape(B, T, -1))
        x = x + block.mlp(block.ln2(x))
    return model.head(model.ln_f(x)), new_cache


def build(seed: int, device, dtype=torch.float64, **sizes) -> TinyDecoder:
    """A decoder with random weights large enough that its greedy choices are clear-cut."""
    gen = torch.Generator().manual_seed(seed)
    model = TinyDecoder(**sizes)
    with torch.no_grad():
        for name, p in model.named_parameters():
            scale = 1.0 if "emb" in name else 0.3
            p.copy_(torch.randn(p.shape, generator=gen) * scale)
        for m in model.modules():
            if isinstance(m, nn.LayerNorm):
                m.weight.fill_(1.0)
                m.bias.zero_()
    return model.to(device=device, dtype=dtype).eval()
