import numpy as np


def _reduce(loss, reduction):
    if reduction == "none":
        return loss
    if reduction == "sum":
        return loss.sum()
    if reduction == "mean":
        return loss.mean()
    raise ValueError(reduction)


def mse_loss(pred, target, reduction="mean"):
    return _reduce((pred - target) ** 2, reduction)


def bce_with_logits(logits, target, reduction="mean"):
    x, z = logits, target
    return _reduce(np.maximum(x, 0) - x * z + np.log1p(np.exp(-np.abs(x))), reduction)


def cross_entropy(logits, labels, label_smoothing=0.0, reduction="mean"):
    m = logits.max(axis=1, keepdims=True)
    logp = logits - m - np.log(np.exp(logits - m).sum(axis=1, keepdims=True))
    n = logits.shape[0]
    nll = -logp[np.arange(n), labels]
    eps = label_smoothing
    return _reduce((1 - eps) * nll - eps * logp.mean(axis=1), reduction)
