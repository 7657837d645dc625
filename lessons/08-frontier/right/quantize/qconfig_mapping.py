"""quantize_dynamic with an explicit qconfig per module type, and the size of a pickled file in memory."""

import copy
import io

import torch
import torch.ao.quantization as tq
from torch import nn


def quantize(model):
    model_cpu = copy.deepcopy(model)
    model_cpu.to(torch.device("cpu"))
    model_cpu.eval()
    quantized = tq.quantize_dynamic(model_cpu, qconfig_spec={nn.Linear: tq.default_dynamic_qconfig})
    return quantized


def serialized_size(model):
    with io.BytesIO() as f:
        torch.save(model.state_dict(), f)
        return len(f.getvalue())
