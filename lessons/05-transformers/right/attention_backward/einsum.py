import numpy as np


def attention_backward(dout, q, k, v, mask=None):
    d = q.shape[-1]
    s = np.einsum("...id,...jd->...ij", q, k) / np.sqrt(d)
    if mask is not None:
        s = np.where(mask, s, -np.inf)
    with np.errstate(invalid="ignore"):
        p = np.nan_to_num(np.exp(s - s.max(-1, keepdims=True)), nan=0.0)
        p = np.nan_to_num(p / p.sum(-1, keepdims=True), nan=0.0)
    dv = np.einsum("...ij,...io->...jo", p, dout)
    dp = np.einsum("...io,...jo->...ij", dout, v)
    dot = np.einsum("...ij,...ij->...i", p, dp)[..., None]
    ds = p * (dp - dot) / np.sqrt(d)
    return np.einsum("...ij,...jd->...id", ds, k), np.einsum("...ij,...id->...jd", ds, q), dv
