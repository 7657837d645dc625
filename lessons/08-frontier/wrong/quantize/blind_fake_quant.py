# expect: still stored as float32
# mistake: fake quantisation: rounds each weight to 255 levels but keeps it stored as float32 (no size gain)
import copy
import io

import torch
from torch import nn


def quantize(model):
    m = copy.deepcopy(model).cpu().eval()
    with torch.no_grad():
        for mod in m.modules():
            if isinstance(mod, nn.Linear):
                s = mod.weight.abs().max() / 127
                mod.weight.copy_(torch.round(mod.weight / s).clamp(-127, 127) * s)
    return m



def serialized_size(model):
    buf = io.BytesIO()
    torch.save(model.state_dict(), buf)
    return buf.getbuffer().nbytes
