import torch


def gru_cell(x, h, W_ih, W_hh, b_ih, b_hh):
    H = h.shape[-1]
    gi = x @ W_ih.t() + b_ih
    gh = h @ W_hh.t() + b_hh
    i_r, i_z, i_n = gi.split(H, dim=-1)
    h_r, h_z, h_n = gh.split(H, dim=-1)
    r = torch.sigmoid(i_r + h_r)
    z = torch.sigmoid(i_z + h_z)
    n = torch.tanh(i_n + r * h_n)
    return n + z * (h - n)
