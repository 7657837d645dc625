# expect: imports PyTorch
import torch
import torch.nn.functional as F


def scaled_dot_product_attention(q, k, v, mask=None):
    q, k, v = (torch.from_numpy(a) for a in (q, k, v))
    m = None if mask is None else torch.from_numpy(mask)
    w = torch.softmax(q @ k.transpose(-1, -2) / q.shape[-1] ** 0.5 + (0 if m is None else torch.where(m, 0.0, float("-inf"))), -1)
    return F.scaled_dot_product_attention(q, k, v, attn_mask=m).numpy(), w.numpy()
