# expect: not implemented
"""One GRU step, exactly as torch.nn.GRUCell computes it.

Shapes: x (N, D), h (N, H), W_ih (3H, D), W_hh (3H, H), b_ih and b_hh (3H,).
The rows hold three blocks of H, in PyTorch's order: r (reset), z (update), n (new).

    r = σ(x W_ir^T + b_ir + h W_hr^T + b_hr)
    z = σ(x W_iz^T + b_iz + h W_hz^T + b_hz)
    n = tanh(x W_in^T + b_in + r * (h W_hn^T + b_hn))
    h_new = (1 - z) * n + z * h

Return h_new (a GRU has no separate cell state). Use torch operations on the tensors you are
given (they may live on a GPU). Run `dltutor check gru_cell`.
"""

import torch


def gru_cell(x: torch.Tensor, h: torch.Tensor, W_ih: torch.Tensor, W_hh: torch.Tensor,
             b_ih: torch.Tensor, b_hh: torch.Tensor) -> torch.Tensor:
    """One step of nn.GRUCell: returns h_new (N, H)."""
    # TODO: compute x @ W_ih.T + b_ih and h @ W_hh.T + b_hh separately, then split each in three.
    raise NotImplementedError
