# mistake: keeps the logits computed AFTER feeding the chosen token (one step late)
# expect: generate's returned logits are one step late
"""Incremental generation with a key/value cache.

Full recomputation (`model(idx)` on the whole sequence, every step) redoes the keys and values of
every earlier token, although the causal mask guarantees they never change. Write:

    forward_with_cache(model, idx, cache=None) -> (logits, new_cache)
        idx: only the NEW tokens, (B, T_new) int64.
        cache: None, or a list with one (k, v) pair per layer, each (B, n_heads, T_past, head_dim):
               the outputs of that layer's k_proj and v_proj, split into heads (attn.split does it).
        The new tokens sit at positions T_past .. T_past + T_new - 1. In every layer, new row i
        attends to all T_past cached keys and to new keys 0..i (scale 1/sqrt(head_dim)).
        Returns the new tokens' logits (B, T_new, V) and the cache extended by T_new positions.

    generate(model, idx, n_new) -> (tokens, logits)
        Greedy decoding: prefill the prompt idx (B, T0) once, then feed one token per step.
        tokens: (B, T0 + n_new), the prompt followed by the new tokens; logits: (B, n_new, V), the
        logits each new token was chosen from (argmax). T0 + n_new <= model.block_size.

The checker uses its own copy of TinyDecoder below (do not rely on editing it), in float64, and
compares with model(idx) recomputed in full; it also counts the rows passing through every
k_proj and v_proj. Run `dltutor check kv_cache`.
"""

import math

import torch
from torch import nn


# ---- the model you generate from (given; the checker brings its own identical copy) ---------------
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
    def __init__(self, vocab_size: int = 20, block_size: int = 64, d_model: int = 32, n_heads: int = 4,
                 n_layers: int = 2):
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


# ---- your code ------------------------------------------------------------------------------------
def forward_with_cache(model, idx, cache=None):
    B, T_new = idx.shape
    T_past = 0 if cache is None else cache[0][0].shape[2]
    pos = torch.arange(T_past, T_past + T_new, device=idx.device)
    x = model.tok_emb(idx) + model.pos_emb(pos)
    new_cache = []
    for i, block in enumerate(model.blocks):
        attn = block.attn
        h = block.ln1(x)
        q = attn.split(attn.q_proj(h))
        k = attn.split(attn.k_proj(h))
        v = attn.split(attn.v_proj(h))
        if cache is not None:
            k = torch.cat([cache[i][0], k], dim=2)
            v = torch.cat([cache[i][1], v], dim=2)
        new_cache.append((k, v))
        dh = q.shape[-1]
        scores = q @ k.transpose(-1, -2) / math.sqrt(dh)
        allowed = torch.ones(T_new, T_past + T_new, dtype=torch.bool, device=idx.device).tril(diagonal=T_past)
        w = scores.masked_fill(~allowed, float("-inf")).softmax(-1)
        ctx = (w @ v).transpose(1, 2).reshape(B, T_new, -1)
        x = x + attn.out_proj(ctx)
        x = x + block.mlp(block.ln2(x))
    return model.head(model.ln_f(x)), new_cache


@torch.no_grad()
def generate(model, idx, n_new):
    logits, cache = forward_with_cache(model, idx)
    tokens = idx
    kept = []
    for _ in range(n_new):
        last = logits[:, -1]
        nxt = last.argmax(-1, keepdim=True)
        tokens = torch.cat([tokens, nxt], dim=1)
        logits, cache = forward_with_cache(model, nxt, cache)
        kept.append(logits[:, -1])
    return tokens, torch.stack(kept, dim=1)
