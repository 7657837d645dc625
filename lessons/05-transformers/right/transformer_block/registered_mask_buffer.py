import math

import torch
from torch import nn


class MultiHeadAttention(nn.Module):
    def __init__(self, embed_dim, num_heads):
        super().__init__()
        self.num_heads = num_heads
        self.q_proj = nn.Linear(embed_dim, embed_dim)
        self.k_proj = nn.Linear(embed_dim, embed_dim)
        self.v_proj = nn.Linear(embed_dim, embed_dim)
        self.out_proj = nn.Linear(embed_dim, embed_dim)

    def forward(self, query, key, value, mask=None):
        B, Lq, E = query.shape
        dh = E // self.num_heads
        q = self.q_proj(query).reshape(B, Lq, self.num_heads, dh).permute(0, 2, 1, 3)
        k = self.k_proj(key).reshape(B, -1, self.num_heads, dh).permute(0, 2, 1, 3)
        v = self.v_proj(value).reshape(B, -1, self.num_heads, dh).permute(0, 2, 1, 3)
        att = torch.einsum("bhqd,bhkd->bhqk", q, k) * (1.0 / math.sqrt(dh))
        if mask is not None:
            att = att.masked_fill(mask.logical_not(), -math.inf)
        y = torch.einsum("bhqk,bhkd->bhqd", att.softmax(dim=-1), v)
        return self.out_proj(y.permute(0, 2, 1, 3).reshape(B, Lq, E))


class Block(nn.Module):
    """The mask is built once, as a buffer (the nanoGPT way), and sliced to the sequence length."""

    def __init__(self, d_model, n_heads, d_ff, max_len=256):
        super().__init__()
        self.ln1 = nn.LayerNorm(d_model)
        self.attn = MultiHeadAttention(d_model, n_heads)
        self.ln2 = nn.LayerNorm(d_model)
        self.fc1 = nn.Linear(d_model, d_ff)
        self.gelu = nn.GELU()
        self.fc2 = nn.Linear(d_ff, d_model)
        self.register_buffer("causal", torch.tril(torch.ones(max_len, max_len, dtype=torch.bool)))

    def forward(self, x):
        T = x.shape[1]
        h = self.ln1(x)
        x = x + self.attn(h, h, h, self.causal[:T, :T])
        return x + self.fc2(self.gelu(self.fc1(self.ln2(x))))
