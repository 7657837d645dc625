# expect: not implemented
"""One LSTM step, exactly as torch.nn.LSTMCell computes it.

Shapes: x (N, D), h and c (N, H), W_ih (4H, D), W_hh (4H, H), b_ih and b_hh (4H,).
The rows of W_ih, W_hh, b_ih, b_hh hold four blocks of H, in PyTorch's gate order:
    i (input gate), f (forget gate), g (cell candidate), o (output gate)

    i = σ(x W_ii^T + b_ii + h W_hi^T + b_hi)        (and f, o likewise, with σ the sigmoid)
    g = tanh(x W_ig^T + b_ig + h W_hg^T + b_hg)
    c_new = f * c + i * g
    h_new = o * tanh(c_new)

Return (h_new, c_new). Use torch operations on the tensors you are given (they may live on a
GPU). Run `dltutor check lstm_cell`.
"""

import torch


def lstm_cell(x: torch.Tensor, h: torch.Tensor, c: torch.Tensor, W_ih: torch.Tensor, W_hh: torch.Tensor,
              b_ih: torch.Tensor, b_hh: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """One step of nn.LSTMCell: returns (h_new, c_new)."""
    # TODO: all four gates in one matmul per input, then split with .chunk(4, dim=1).
    raise NotImplementedError
