"""Plain vs residual: the degradation problem of deep plain networks, in miniature.

PlainNet(in_dim, width, blocks, out_dim) and ResidualNet(...): (N, in_dim) float32 -> logits (N, out_dim).
    Linear(in_dim, width) + ReLU, `blocks` blocks of two Linear(width, width), Linear(width, out_dim).
    plain block:     h = relu(B(relu(A(h))))
    residual block:  h = relu(h + B(relu(A(h))))
Same widths, PyTorch's default init, no normalisation.
make_optimizer(model) -> SGD with momentum; train_step(model, optimizer, x, y) -> float cross-entropy.
"""

import torch
import torch.nn.functional as F
from torch import nn


class PlainNet(nn.Module):
    def __init__(self, in_dim, width, blocks, out_dim):
        super().__init__()
        # TODO: the input layer, 2 * blocks hidden layers (in nn.ModuleList), the output layer
        raise NotImplementedError

    def forward(self, x):
        # TODO
        raise NotImplementedError


class ResidualNet(nn.Module):
    def __init__(self, in_dim, width, blocks, out_dim):
        super().__init__()
        # TODO: exactly the same layers as PlainNet
        raise NotImplementedError

    def forward(self, x):
        # TODO: the same, but each block adds its input back before the last ReLU
        raise NotImplementedError


def make_optimizer(model):
    # TODO
    raise NotImplementedError


def train_step(model, optimizer, x, y):
    # TODO: one full-batch step of cross-entropy; return the loss as a float
    raise NotImplementedError
