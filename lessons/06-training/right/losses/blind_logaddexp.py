import numpy as np

_REDUCERS = {"none": lambda a: a, "sum": np.sum, "mean": np.mean}


def _reduce(loss, reduction):
    try:
        return _REDUCERS[reduction](loss)
    except (KeyError, TypeError):
        raise ValueError(f"unknown reduction {reduction!r}") from None


def mse_loss(pred, target, reduction="mean"):
    d = np.subtract(pred, target, dtype=np.float64)
    return _reduce(d * d, reduction)


def bce_with_logits(logits, target, reduction="mean"):
    # -z log σ(x) - (1-z) log σ(-x), with -log σ(x) = softplus(-x) = logaddexp(0, -x)
    x = np.asarray(logits, dtype=np.float64)
    z = np.asarray(target, dtype=np.float64)
    return _reduce(z * np.logaddexp(0.0, -x) + (1 - z) * np.logaddexp(0.0, x), reduction)


def cross_entropy(logits, labels, label_smoothing=0.0, reduction="mean"):
    x = np.asarray(logits, dtype=np.float64)
    n, c = x.shape
    lse = np.logaddexp.reduce(x, axis=1, keepdims=True)
    logp = x - lse
    q = np.full((n, c), label_smoothing / c)
    q[np.arange(n), np.asarray(labels)] += 1.0 - label_smoothing
    return _reduce(-(q * logp).sum(axis=1), reduction)
