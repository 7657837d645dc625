"""Reference solution: one GRU step in PyTorch's parameter layout."""

import torch


def gru_cell(
    x: torch.Tensor, h: torch.Tensor, W_ih: torch.Tensor, W_hh: torch.Tensor, b_ih: torch.Tensor, b_hh: torch.Tensor
) -> torch.Tensor:
    """One step of nn.GRUCell: returns h_new (N, H)."""
    gi = x @ W_ih.T + b_ih  # (N, 3H): blocks r, z, n
    gh = h @ W_hh.T + b_hh  # (N, 3H): the n block is W_hn h + b_hn, which r will scale
    i_r, i_z, i_n = gi.chunk(3, dim=1)
    h_r, h_z, h_n = gh.chunk(3, dim=1)
    r = torch.sigmoid(i_r + h_r)
    z = torch.sigmoid(i_z + h_z)
    n = torch.tanh(i_n + r * h_n)
    return (1 - z) * n + z * h
