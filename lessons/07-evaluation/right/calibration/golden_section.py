import math

import numpy as np


def expected_calibration_error(probs, labels, n_bins=15):
    confidences = probs.max(axis=1)
    predictions = probs.argmax(axis=1)
    ece = 0.0
    for b in range(n_bins):
        lo, hi = b / n_bins, (b + 1) / n_bins
        in_bin = (confidences > lo) & (confidences <= hi)
        if in_bin.sum() == 0:
            continue
        accuracy = np.mean(predictions[in_bin] == labels[in_bin])
        ece += in_bin.sum() / len(labels) * abs(accuracy - confidences[in_bin].mean())
    return float(ece)


def _nll(logits, labels, T):
    z = logits / T
    z = z - z.max(axis=1, keepdims=True)
    logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    return -logp[np.arange(len(labels)), labels].mean()


def fit_temperature(logits, labels):
    a, b = math.log(0.01), math.log(100.0)
    ratio = (math.sqrt(5) - 1) / 2
    for _ in range(80):
        c, d = b - ratio * (b - a), a + ratio * (b - a)
        if _nll(logits, labels, math.exp(c)) < _nll(logits, labels, math.exp(d)):
            b = d
        else:
            a = c
    return math.exp((a + b) / 2)
