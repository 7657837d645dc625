# expect: capped
# expect: clip
"""bce clipped probabilities"""

import numpy as np

REDUCTIONS = ("none", "sum", "mean")


def _reduce(loss: np.ndarray, reduction: str):
    if reduction == "none":
        return loss
    if reduction == "sum":
        return loss.sum()
    if reduction == "mean":
        return loss.mean()
    raise ValueError(f"reduction must be one of {REDUCTIONS}, got {reduction!r}")


def mse_loss(pred: np.ndarray, target: np.ndarray, reduction: str = "mean"):
    return _reduce((pred - target) ** 2, reduction)


def bce_with_logits(logits: np.ndarray, target: np.ndarray, reduction: str = "mean"):
    p = np.clip(1.0 / (1.0 + np.exp(-logits)), 1e-7, 1 - 1e-7)
    return _reduce(-(target * np.log(p) + (1 - target) * np.log(1 - p)), reduction)


def log_softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def cross_entropy(logits: np.ndarray, labels: np.ndarray, label_smoothing: float = 0.0,
                  reduction: str = "mean"):
    logp = log_softmax(logits)
    nll = -logp[np.arange(len(labels)), labels]
    # q = (1 - ε)·one_hot + ε/C, so -Σ q log p = (1 - ε)·nll + ε·mean_c(-log p_c)
    smooth = -logp.mean(axis=1)
    return _reduce((1.0 - label_smoothing) * nll + label_smoothing * smooth, reduction)
