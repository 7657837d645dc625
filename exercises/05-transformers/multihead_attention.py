"""Multi-head attention as an nn.Module, from scratch.

Inputs are batch-first: query (B, Lq, E), key and value (B, Lk, E). With H heads of width
dh = E // H:
    1. project: q = query @ W_qᵀ + b_q (and k, v likewise) — four nn.Linear(E, E) layers named
       q_proj, k_proj, v_proj, out_proj (the checker copies nn.MultiheadAttention's weights into them)
    2. split the E features into H heads:      (B, L, E) -> (B, H, L, dh)
    3. scaled dot-product attention per head:  softmax(q kᵀ / sqrt(dh)) v, (B, H, Lq, dh)
    4. merge the heads back:                   (B, H, Lq, dh) -> (B, Lq, E)
    5. out_proj
`mask` is None or a boolean tensor broadcastable to (B, H, Lq, Lk), True = may attend.
Use torch operations (tensors may live on a GPU); do not use nn.MultiheadAttention.
Run `dltutor check multihead_attention`.
"""

import torch
from torch import nn


class MultiHeadAttention(nn.Module):
    def __init__(self, embed_dim: int, num_heads: int):
        super().__init__()
        assert embed_dim % num_heads == 0
        self.num_heads = num_heads
        self.head_dim = embed_dim // num_heads
        # TODO: q_proj, k_proj, v_proj, out_proj: nn.Linear(embed_dim, embed_dim) each.
        raise NotImplementedError

    def forward(self, query: torch.Tensor, key: torch.Tensor, value: torch.Tensor,
                mask: torch.Tensor | None = None) -> torch.Tensor:
        """(B, Lq, E) output of attending from query over key/value."""
        # TODO: project; split into heads (a reshape to (B, L, H, dh), then move the head axis forward).
        # TODO: attention per head with the 1/sqrt(head_dim) scale; blocked scores -> -inf.
        # TODO: merge the heads (move the axis back first!), then out_proj.
        raise NotImplementedError
