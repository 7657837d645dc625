# expect: no Linear layer was quantised
# mistake: passes the set {nn.ReLU} (the wrong module class): nothing is quantised
import copy
import io

import torch
from torch import nn


def quantize(model):
    m = copy.deepcopy(model).cpu().eval()
    return torch.ao.quantization.quantize_dynamic(m, {nn.ReLU}, dtype
=torch.qint8)


def serialized_size(model):
    buf = io.BytesIO()
    torch.save(model.state_dict(), buf)
    return buf.getbuffer().nbytes
