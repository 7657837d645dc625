# expect: quantised to float16
# mistake: dtype=torch.float16 instead of qint8 (fp16 dynamic quantisation, weights not int8)
import copy
import io

import torch
from torch import nn


def quantize(model):
    m = copy.deepcopy(model).cpu().eval()
    return torch.ao.quantization.quantize_dynamic(m, {nn.Linear}, dtype=torch.float16)



def serialized_size(model):
    buf = io.BytesIO()
    torch.save(model.state_dict(), buf)
    return buf.getbuffer().nbytes
