# expect: You counted model.parameters()
# mistake: serialized_size counts bytes of model.parameters() (misses the packed int8 weights of quantised Linears)
import copy
import io

import torch
from torch import nn


def quantize(model):
    m = copy.deepcopy(model).cpu().eval()
    return torch.ao.quantization.quantize_dynamic(m, {nn.Linear}, dtype=torch.qint8)


def serialized_size(model):
    return sum(p.numel() * p.element_size() for p in model.parameters())

