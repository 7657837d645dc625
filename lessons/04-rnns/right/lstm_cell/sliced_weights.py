# Gate by gate, slicing the stacked weights (i, f, g, o) by hand.
import torch


def lstm_cell(x, h, c, W_ih, W_hh, b_ih, b_hh):
    H = h.size(1)

    def gate(k):
        rows = slice(k * H, (k + 1) * H)
        return x @ W_ih[rows].T + b_ih[rows] + h @ W_hh[rows].T + b_hh[rows]

    i = torch.sigmoid(gate(0))
    f = torch.sigmoid(gate(1))
    g = torch.tanh(gate(2))
    o = torch.sigmoid(gate(3))
    c_next = f * c + i * g
    h_next = o * torch.tanh(c_next)
    return h_next, c_next
