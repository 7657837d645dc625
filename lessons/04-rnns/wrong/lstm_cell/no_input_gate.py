# expect: input gate
import torch


def lstm_cell(x, h, c, W_ih, W_hh, b_ih, b_hh):
    gates = x @ W_ih.T + b_ih + h @ W_hh.T + b_hh
    i, f, g, o = gates.chunk(4, dim=1)
    f, o = torch.sigmoid(f), torch.sigmoid(o)
    c_new = f * c + torch.tanh(g)
    h_new = o * torch.tanh(c_new)
    return h_new, c_new
