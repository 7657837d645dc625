# expect: accuracy fell
"""Hand-made int8 weights with no scale: round(w) for |w| < 0.5 is 0."""

import copy
import io

import torch
from torch import nn


def quantize(model):
    """An int8 copy: weights stored as int8 with a scale, activations quantised on the fly.

    Dynamic quantisation's kernels run on the CPU, so the copy is moved there first;
    the caller's model is left untouched.
    """
    cpu_copy = copy.deepcopy(model).cpu().eval()
    # torch.ao.quantization is deprecated in favour of torchao's quantize_, which the base
    # install lacks; quantize_dynamic is still what torch itself ships.
    for name, layer in list(cpu_copy.named_children()):
        if isinstance(layer, nn.Linear):
            setattr(cpu_copy, name, _Int8Linear(layer))
    return cpu_copy


def serialized_size(model):
    """Bytes that torch.save writes for the model's state_dict."""
    buffer = io.BytesIO()
    torch.save(model.state_dict(), buffer)
    return buffer.getbuffer().nbytes


class _Int8Linear(nn.Module):
    def __init__(self, linear):
        super().__init__()
        self.register_buffer("weight", torch.round(linear.weight.detach()).to(torch.int8))
        self.register_buffer("bias", linear.bias.detach().clone())

    def forward(self, x):
        return x @ self.weight.float().T + self.bias
