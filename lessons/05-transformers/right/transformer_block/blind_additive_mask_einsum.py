import math
import torch
from torch import nn


class MultiHeadAttention(nn.Module):
    def __init__(self, embed_dim, num_heads):
        super().__init__()
        self.num_heads = num_heads
        self.head_dim = embed_dim // num_heads
        self.q_proj = nn.Linear(embed_dim, embed_dim)
        self.k_proj = nn.Linear(embed_dim, embed_dim)
        self.v_proj = nn.Linear(embed_dim, embed_dim)
        self.out_proj = nn.Linear(embed_dim, embed_dim)

    def forward(self, query, key, value, mask=None):
        H, dh = self.num_heads, self.head_dim
        q = self.q_proj(query).unflatten(-1, (H, dh))
        k = self.k_proj(key).unflatten(-1, (H, dh))
        v = self.v_proj(value).unflatten(-1, (H, dh))
        s = torch.einsum("bqhd,bkhd->bhqk", q, k) / math.sqrt(dh)
        if mask is not None:
            s = s + torch.zeros_like(s).masked_fill(~mask, float("-inf"))
        w = s.softmax(-1)
        return self.out_proj(torch.einsum("bhqk,bkhd->bqhd", w, v).flatten(-2))


class Block(nn.Module):
    def __init__(self, d_model, n_heads, d_ff):
        super().__init__()
        self.ln1 = nn.LayerNorm(d_model)
        self.attn = MultiHeadAttention(d_model, n_heads)
        self.ln2 = nn.LayerNorm(d_model)
        self.fc1 = nn.Linear(d_model, d_ff)
        self.fc2 = nn.Linear(d_ff, d_model)

    def forward(self, x):
        T = x.shape[1]
        pos = torch.arange(T, device=x.device)
        allowed = pos[:, None] >= pos[None, :]
        n = self.ln1(x)
        x = x + self.attn(n, n, n, allowed)
        u = self.fc1(self.ln2(x))
        u = 0.5 * u * (1.0 + torch.erf(u / math.sqrt(2.0)))
        return x + self.fc2(u)
