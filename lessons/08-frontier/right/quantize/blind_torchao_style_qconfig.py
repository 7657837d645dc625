# variant: quantize_dynamic with an explicit qconfig dict per Linear class, copy made via state_dict into a fresh deepcopy on CPU; size via a temporary file on disk
import copy
import os
import tempfile

import torch
from torch import nn
from torch.ao.quantization import default_dynamic_qconfig, quantize_dynamic


def quantize(model):
    cpu_copy = copy.deepcopy(model).to("cpu")
    cpu_copy.eval()
    return quantize_dynamic(cpu_copy, qconfig_spec={nn.Linear: default_dynamic_qconfig}, dtype=torch.qint8)


def serialized_size(model):
    fd, path = tempfile.mkstemp(suffix=".pt")
    os.close(fd)
    try:
        torch.save(model.state_dict(), path)
        return int(os.path.getsize(path))
    finally:
        os.remove(path)
