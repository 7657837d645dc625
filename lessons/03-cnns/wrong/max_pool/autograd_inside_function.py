# expect: imports PyTorch
# The backward pass handed to autograd, with the import tucked inside the function: right values,
# but the exercise is to route the gradient yourself. (A module-level check could not see it.)
import numpy as np


def maxpool_forward(x, size=2, stride=None):
    stride = stride or size
    n, c, h, w = x.shape
    ho, wo = (h - size) // stride + 1, (w - size) // stride + 1
    out = np.empty((n, c, ho, wo))
    for i in range(ho):
        for j in range(wo):
            out[:, :, i, j] = x[:, :, i * stride:i * stride + size, j * stride:j * stride + size].max(axis=(2, 3))
    return out


def maxpool_backward(dout, x, size=2, stride=None):
    import torch
    import torch.nn.functional as F

    xt = torch.tensor(x, requires_grad=True)
    F.max_pool2d(xt, size, stride or size).backward(torch.from_numpy(np.asarray(dout, dtype=x.dtype)))
    return xt.grad.numpy()
