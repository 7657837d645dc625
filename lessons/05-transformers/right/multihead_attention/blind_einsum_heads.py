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
        B, Lq, E = query.shape
        H, dh = self.num_heads, self.head_dim
        q = self.q_proj(query).unflatten(-1, (H, dh))
        k = self.k_proj(key).unflatten(-1, (H, dh))
        v = self.v_proj(value).unflatten(-1, (H, dh))
        scores = torch.einsum("bqhd,bkhd->bhqk", q, k) * dh ** -0.5
        if mask is not None:
            scores = scores.masked_fill(mask.logical_not(), float("-inf"))
        w = scores.softmax(-1)
        ctx = torch.einsum("bhqk,bkhd->bqhd", w, v).flatten(-2)
        return self.out_proj(ctx)
