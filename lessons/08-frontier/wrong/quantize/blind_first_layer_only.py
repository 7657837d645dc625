# expect: Linear layers are still float32
# mistake: quantises only the first Linear (qconfig_spec names just '0'), the other two stay float32
import copy
import io

import torch
from torch import nn


def quantize(model):
    m = copy.deepcopy(model).cpu().eval()
    first = next(name for name, mod in m.named_modules() if isinstance(mod, nn.Linear))
    return torch.ao.quantization.quantize_dynamic(m, {first: torch.ao.quantization.default_dynamic_qconfig}, dtype=torch.qint8)



def serialized_size(model):
    buf = io.BytesIO()
    torch.save(model.state_dict(), buf)
    return buf.getbuffer().nbytes
