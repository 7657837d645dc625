import torch
import torch.nn.functional as F
from torch import nn


class MultiHeadAttention(nn.Module):
    def __init__(self, embed_dim, num_heads):
        super().__init__()
        self.h = num_heads
        self.q_proj, self.k_proj, self.v_proj, self.out_proj = (nn.Linear(embed_dim, embed_dim) for _ in range(4))

    def forward(self, query, key, value, mask=None):
        b, n, e = query.shape

        def split(z):
            return z.view(b, -1, self.h, e // self.h).transpose(1, 2)

        ctx = F.scaled_dot_product_attention(split(self.q_proj(query)), split(self.k_proj(key)),
                                             split(self.v_proj(value)), attn_mask=mask)
        return self.out_proj(ctx.transpose(1, 2).reshape(b, n, e))


class Block(nn.Module):
    def __init__(self, d_model, n_heads, d_ff):
        super().__init__()
        self.ln1, self.ln2 = nn.LayerNorm(d_model), nn.LayerNorm(d_model)
        self.attn = MultiHeadAttention(d_model, n_heads)
        self.fc1, self.fc2 = nn.Linear(d_model, d_ff), nn.Linear(d_ff, d_model)
        self.act = nn.GELU()

    def forward(self, x):
        n = x.size(1)
        mask = torch.tril(torch.ones(n, n, device=x.device)).bool()
        y = self.ln1(x)
        x = x + self.attn(y, y, y, mask=mask)
        return x + self.fc2(self.act(self.fc1(self.ln2(x))))
