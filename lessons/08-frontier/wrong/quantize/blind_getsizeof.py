# expect: sys.getsizeof measures only the Python object
# mistake: serialized_size uses sys.getsizeof(model.state_dict()) (the dict object's shallow size), not torch.save's bytes
import copy
import io

import torch
from torch import nn


def quantize(model):
    m = copy.deepcopy(model).cpu().eval()
    return torch.ao.quantization.quantize_dynamic(m, {nn.Linear}, dtype=torch.qint8)


def serialized_size(model):
    import sys
    return sys.getsizeof(model.state_dict())

