# expect: wrong scale
# mistake: hand-rolled int8 Linear that dequantises with q / scale instead of q * scale (broken scale)
import copy
import io

import torch
from torch import nn


def quantize(model):
    m = copy.deepcopy(model).cpu().eval()

    class Int8Linear(nn.Module):
        def __init__(self, lin):
            super().__init__()
            s = lin.weight.detach().abs().max() / 127
            self.register_buffer("q", torch.round(lin.weight.detach() / s).clamp(-127, 127).to(torch.int8))
            self.register_buffer("scale", s.reshape(1))
            self.register_buffer("bias", lin.bias.detach().clone())

        def forward(self, x):
            w = self.q.float() / self.scale   # should be * scale
            return x @ w.t() + self.bias

    for pname, parent in list(m.named_modules()):
        for name, mod in list(parent.named_children()):
            if isinstance(mod, nn.Linear):
                setattr(parent, name, Int8Linear(mod))
    return m



def serialized_size(model):
    buf = io.BytesIO()
    torch.save(model.state_dict(), buf)
    return buf.getbuffer().nbytes
