# mistake: zeroes weights after softmax with the mask, no renormalisation
# expect: the mask is applied AFTER the softmax
import torch
from torch import nn


class MultiHeadAttention(nn.Module):
    def __init__(self, embed_dim: int, num_heads: int):
        super().__init__()
        assert embed_dim % num_heads == 0
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
        q = self.q_proj(query).view(B, Lq, H, dh).transpose(1, 2)
        k = self.k_proj(key).view(B, Lk, H, dh).transpose(1, 2)
        v = self.v_proj(value).view(B, Lk, H, dh).transpose(1, 2)
        scores = q @ k.transpose(-1, -2) / dh ** 0.5
        w = torch.softmax(scores, dim=-1)
        if mask is not None:
            w = w * mask
        ctx = (w @ v).transpose(1, 2).reshape(B, Lq, E)
        return self.out_proj(ctx)
