# expect: 2 of the 3 Linear layers are still float32
"""The qconfig set names one submodule ('0') instead of the Linear class."""

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
    return torch.ao.quantization.quantize_dynamic(cpu_copy, {'0'}, dtype=torch.qint8)


def serialized_size(model):
    """Bytes that torch.save writes for the model's state_dict."""
    buffer = io.BytesIO()
    torch.save(model.state_dict(), buffer)
    return buffer.getbuffer().nbytes
