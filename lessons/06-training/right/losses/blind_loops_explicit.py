# variant: per-sample Python loops with math, explicit piecewise softplus, explicit target-matrix smoothing
import math

import numpy as np


def _reduce(loss, reduction):
    if reduction not in ("none", "sum", "mean"):
        raise ValueError("bad reduction: " + repr(reduction))
    if reduction == "none":
        return loss
    total = float(np.sum(loss))
    return np.float64(total if reduction == "sum" else total / loss.size)


def mse_loss(pred, target, reduction="mean"):
    p = np.asarray(pred, dtype=np.float64)
    t = np.asarray(target, dtype=np.float64)
    return _reduce(np.square(p - t), reduction)


def _bce_one(v, t):
    # piecewise: for v > 0, log(1+e^v) - t v = (1 - t) v + log1p(e^-v); else log1p(e^v) - t v
    if v > 0:
        return (1.0 - t) * v + math.log1p(math.exp(-v))
    return math.log1p(math.exp(v)) - t * v


def bce_with_logits(logits, target, reduction="mean"):
    x = np.asarray(logits, dtype=np.float64)
    z = np.asarray(target, dtype=np.float64)
    out = np.empty(x.shape, dtype=np.float64)
    for idx in np.ndindex(x.shape):
        xv, zv = float(x[idx]), float(z[idx])
        out[idx] = _bce_one(xv, zv)
    return _reduce(out, reduction)


def cross_entropy(logits, labels, label_smoothing=0.0, reduction="mean"):
    x = np.asarray(logits, dtype=np.float64)
    N, C = x.shape
    out = np.empty(N, dtype=np.float64)
    for i in range(N):
        row = x[i]
        m = float(row.max())
        lse = m + math.log(sum(math.exp(float(r) - m) for r in row))
        total = 0.0
        for c in range(C):
            q = label_smoothing / C + (1.0 - label_smoothing if c == int(labels[i]) else 0.0)
            total -= q * (float(row[c]) - lse)
        out[i] = total
    return _reduce(out, reduction)
