# expect: you saved the whole module
# mistake: serialized_size torch.saves the whole module object (pickle), not model.state_dict()
import copy
import io

import torch
from torch import nn


def quantize(model):
    m = copy.deepcopy(model).cpu().eval()
    return torch.ao.quantization.quantize_dynamic(m, {nn.Linear}, dtype=torch.qint8)


def serialized_size(model):
    buf = io.BytesIO()
    torch.save(model, buf)

    return buf.getbuffer().nbytes
