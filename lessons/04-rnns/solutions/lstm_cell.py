"""Reference solution: one LSTM step in PyTorch's parameter layout."""

import torch


def lstm_cell(
    x: torch.Tensor,
    h: torch.Tensor,
    c: torch.Tensor,
    W_ih: torch.Tensor,
    W_hh: torch.Tensor,
    b_ih: torch.Tensor,
    b_hh: torch.Tensor,
) -> tuple[torch.Tensor, torch.Tensor]:
    """One step of nn.LSTMCell: returns (h_new, c_new)."""
    gates = x @ W_ih.T + b_ih + h @ W_hh.T + b_hh  # (N, 4H), gate blocks in the order i, f, g, o
    i, f, g, o = gates.chunk(4, dim=1)
    i, f, o = torch.sigmoid(i), torch.sigmoid(f), torch.sigmoid(o)
    g = torch.tanh(g)
    c_new = f * c + i * g
    h_new = o * torch.tanh(c_new)
    return h_new, c_new
