# expect: should be nn.Linear(12, 12)
import torch
from torch import nn


class MultiHeadAttention(nn.Module):
    def __init__(self, embed_dim, num_heads):
        super().__init__()
        self.h = num_heads
        self.qkv = nn.Linear(embed_dim, 3 * embed_dim)
        self.out_proj = nn.Linear(embed_dim, embed_dim)

    def forward(self, query, key, value, mask=None):
        B, L, E = query.shape
        q, k, v = self.qkv(query).view(B, L, 3, self.h, E // self.h).permute(2, 0, 3, 1, 4)
        w = torch.softmax(q @ k.transpose(-1, -2) / (E // self.h) ** 0.5, -1)
        return self.out_proj((w @ v).transpose(1, 2).reshape(B, L, E))
