# mistake: pasted MHA splits heads with view(B, H, L, dh) (no transpose)
# expect: in your MultiHeadAttention: both the head split and the merge use a plain reshape
import torch
from torch import nn
import torch.nn.functional as F


class MultiHeadAttention(nn.Module):
    def __init__(self, embed_dim: int, num_heads: int):
        super().__init__()
        self.num_heads = num_heads
        self.head_dim = embed_dim // num_heads
        self.q_proj = nn.Linear(embed_dim, embed_dim)
        self.k_proj = nn.Linear(embed_dim, embed_dim)
        self.v_proj = nn.Linear(embed_dim, embed_dim)
        self.out_proj = nn.Linear(embed_dim, embed_dim)

    def forward(self, query, key, value, mask=None):
        B, Lq, E = query.shape
        Lk = key.shape[1]
        H, dh = self.num_heads, self.head_dim
        q = self.q_proj(query).view(B, H, Lq, dh)
        k = self.k_proj(key).view(B, H, Lk, dh)
        v = self.v_proj(value).view(B, H, Lk, dh)
        scores = q @ k.transpose(-1, -2) / dh ** 0.5
        if mask is not None:
            scores = scores.masked_fill(~mask, float("-inf"))
        w = torch.softmax(scores, dim=-1)
        ctx = (w @ v).reshape(B, Lq, E)
        return self.out_proj(ctx)


class Block(nn.Module):
    def __init__(self, d_model: int, n_heads: int, d_ff: int):
        super().__init__()
        self.ln1 = nn.LayerNorm(d_model)
        self.attn = MultiHeadAttention(d_model, n_heads)
        self.ln2 = nn.LayerNorm(d_model)
        self.fc1 = nn.Linear(d_model, d_ff)
        self.fc2 = nn.Linear(d_ff, d_model)

    def forward(self, x):
        T = x.shape[1]
        mask = torch.ones(T, T, dtype=torch.bool, device=x.device).tril()
        h = self.ln1(x)
        x = x + self.attn(h, h, h, mask)
        return x + self.fc2(F.gelu(self.fc1(self.ln2(x))))
