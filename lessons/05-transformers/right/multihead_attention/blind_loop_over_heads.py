import math
import torch
from torch import nn
import torch.nn.functional as F


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
        q, k, v = self.q_proj(query), self.k_proj(key), self.v_proj(value)
        dh = self.head_dim
        outs = []
        for h in range(self.num_heads):
            sl = slice(h * dh, (h + 1) * dh)
            s = torch.matmul(q[..., sl], k[..., sl].transpose(1, 2)) / math.sqrt(dh)
            if mask is not None:
                m = torch.as_tensor(mask, device=s.device)
                while m.dim() < 4:
                    m = m.unsqueeze(0)
                m = m.expand(s.shape[0], self.num_heads, s.shape[1], s.shape[2])[:, h]
                s = s.masked_fill(~m, float("-inf"))
            outs.append(torch.matmul(F.softmax(s, dim=-1), v[..., sl]))
        return self.out_proj(torch.cat(outs, dim=-1))
