# expect: cut off from autograd
# A NumPy round trip: right numbers, but nothing can be trained through it.
import numpy as np
import torch


def sigmoid(v):
    return 1 / (1 + np.exp(-v))


def lstm_cell(x, h, c, W_ih, W_hh, b_ih, b_hh):
    dev, dtype = x.device, x.dtype
    x, h, c, W_ih, W_hh, b_ih, b_hh = (t.detach().cpu().numpy() for t in (x, h, c, W_ih, W_hh, b_ih, b_hh))
    gates = x @ W_ih.T + b_ih + h @ W_hh.T + b_hh
    i, f, g, o = np.split(gates, 4, axis=1)
    c_new = sigmoid(f) * c + sigmoid(i) * np.tanh(g)
    h_new = sigmoid(o) * np.tanh(c_new)
    return (torch.tensor(h_new, device=dev, dtype=dtype), torch.tensor(c_new, device=dev, dtype=dtype))
