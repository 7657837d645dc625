# expect: quantize changed the model it was given
# mistake: quantises the model passed in (no copy): quantize_dynamic(..., inplace=True) replaces the caller's Linear layers
import copy
import io

import torch
from torch import nn


def quantize(model):
    model.cpu().eval()
    return torch.ao.quantization.quantize_dynamic(model, {nn.Linear}, dtype=torch.qint8, inplace=True)



def serialized_size(model):
    buf = io.BytesIO()
    torch.save(model.state_dict(), buf)
    return buf.getbuffer().nbytes
