# expect: float16 is not int8 quantisation
# mistake: 'quantises' by casting a copy to .half(): float16 weights, not int8, and expects float16 input
import copy
import io

import torch
from torch import nn


def quantize(model):
    m = copy.deepcopy(model).cpu().eval()
    return m.half()



def serialized_size(model):
    buf = io.BytesIO()
    torch.save(model.state_dict(), buf)
    return buf.getbuffer().nbytes
