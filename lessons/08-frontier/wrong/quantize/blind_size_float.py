# expect: Count bytes, not kilobytes
# mistake: serialized_size returns the size in kilobytes as a float (len / 1024), not an int number of bytes
import copy
import io

import torch
from torch import nn


def quantize(model):
    m = copy.deepcopy(model).cpu().eval()
    return torch.ao.quantization.quantize_dynamic(m, {nn.Linear}, dtype=torch.qint8)


def serialized_size(model):
    buf = io.BytesIO()
    torch.save(model.state_dict(), buf)
    return buf.getbuffer().nbytes / 1024

