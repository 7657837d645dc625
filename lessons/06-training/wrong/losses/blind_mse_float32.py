# expect: came back as float32
import numpy as np


def _reduce(loss, reduction):
    if reduction == "none":
        return loss
    if reduction == "sum":
        return loss.sum()
    if reduction == "mean":
        return loss.mean()
    raise ValueError(f"unknown reduction {reduction!r}")


def mse_loss(pred, target, reduction="mean"):
    pred = np.asarray(pred, dtype=np.float32)
    target = np.asarray(target, dtype=np.float32)
    return _reduce((pred - target) ** 2, reduction)


def bce_with_logits(logits, target, reduction="mean"):
    x = np.asarray(logits, dtype=np.float64)
    z = np.asarray(target, dtype=np.float64)
    loss = np.maximum(x, 0) - x * z + np.log1p(np.exp(-np.abs(x)))
    return _reduce(loss, reduction)


def cross_entropy(logits, labels, label_smoothing=0.0, reduction="mean"):
    x = np.asarray(logits, dtype=np.float64)
    y = np.asarray(labels)
    n = x.shape[0]
    m = x.max(axis=1, keepdims=True)
    logp = x - m - np.log(np.exp(x - m).sum(axis=1, keepdims=True))
    nll = -logp[np.arange(n), y]
    eps = label_smoothing
    loss = (1 - eps) * nll - eps * logp.mean(axis=1)
    return _reduce(loss, reduction)
