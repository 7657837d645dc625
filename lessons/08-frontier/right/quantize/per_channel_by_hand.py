"""int8 by hand: per-output-channel symmetric scales, int8 weight buffers, dequantised in forward."""

import copy
import os
import tempfile

import torch
from torch import nn


class Int8Linear(nn.Module):
    def __init__(self, linear: nn.Linear):
        super().__init__()
        weight = linear.weight.detach().float().cpu()
        scale = weight.abs().amax(dim=1, keepdim=True).clamp_min(1e-8) / 127.0
        self.register_buffer("qweight", torch.clamp(torch.round(weight / scale), -127, 127).to(torch.int8))
        self.register_buffer("scale", scale)
        self.register_buffer("bias", linear.bias.detach().float().cpu().clone())

    def forward(self, x):
        return torch.addmm(self.bias, x, (self.qweight.float() * self.scale).T)


def _swap(module: nn.Module) -> None:
    for name, child in module.named_children():
        if isinstance(child, nn.Linear):
            setattr(module, name, Int8Linear(child))
        else:
            _swap(child)


def quantize(model):
    clone = copy.deepcopy(model).to("cpu")
    _swap(clone)
    return clone.eval()


def serialized_size(model):
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "weights.pt")
        torch.save(model.state_dict(), path)
        return os.path.getsize(path)
