# expect: imports PyTorch
# torch's own clipping, imported inside the function: right values, but the exercise is the
# global norm and the scale factor computed by hand. (A module-level check could not see it.)
import numpy as np


def global_norm(grads):
    return float(np.sqrt(sum(float(np.sum(g * g)) for g in grads)))


def clip_by_global_norm(grads, max_norm):
    import torch

    tensors = [torch.tensor(g, dtype=torch.float64, requires_grad=True) for g in grads]
    for t in tensors:
        t.grad = t.detach().clone()
    norm = float(torch.nn.utils.clip_grad_norm_(tensors, max_norm))
    return [t.grad.numpy() for t in tensors], norm
