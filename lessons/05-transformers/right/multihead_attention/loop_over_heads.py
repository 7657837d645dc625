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
        q, k, v = self.q_proj(query), self.k_proj(key), self.v_proj(value)
        dh = q.shape[-1] // self.num_heads
        outs = []
        for h in range(self.num_heads):
            cols = slice(h * dh, (h + 1) * dh)
            s = torch.einsum("bid,bjd->bij", q[..., cols], k[..., cols]) / math.sqrt(dh)
            if mask is not None:
                m = mask.expand(q.shape[0], self.num_heads, q.shape[1], k.shape[1])[:, h]
                s = torch.where(m, s, torch.full_like(s, -math.inf))
            outs.append(torch.einsum("bij,bjd->bid", s.softmax(-1), v[..., cols]))
        return self.out_proj(torch.cat(outs, dim=-1))
