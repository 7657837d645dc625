# variant: ECE fully vectorised with np.bincount; temperature by golden-section search on log T with a log-sum-exp NLL
import numpy as np


def expected_calibration_error(probs, labels, n_bins=15):
    probs = np.asarray(probs, dtype=float)
    labels = np.asarray(labels)
    n = len(labels)
    if n == 0:
        return 0.0
    conf = probs.max(axis=1)
    correct = (probs.argmax(axis=1) == labels).astype(float)
    idx = np.clip(np.ceil(conf * n_bins).astype(np.int64) - 1, 0, n_bins - 1)
    cnt = np.bincount(idx, minlength=n_bins)
    s_acc = np.bincount(idx, weights=correct, minlength=n_bins)
    s_conf = np.bincount(idx, weights=conf, minlength=n_bins)
    # sum_b (n_b/n) |acc_b - conf_b| = sum_b |s_acc_b - s_conf_b| / n
    return float(np.abs(s_acc - s_conf).sum() / n)


def _nll(logits, labels, T):
    z = logits / T
    m = z.max(axis=1, keepdims=True)
    lse = m[:, 0] + np.log(np.exp(z - m).sum(axis=1))
    return float(np.mean(lse - z[np.arange(len(labels)), labels]))


def fit_temperature(logits, labels):
    logits = np.asarray(logits, dtype=float)
    labels = np.asarray(labels)
    a, b = np.log(1e-3), np.log(1e3)
    g = (np.sqrt(5) - 1) / 2
    c, d = b - g * (b - a), a + g * (b - a)
    fc, fd = _nll(logits, labels, np.exp(c)), _nll(logits, labels, np.exp(d))
    for _ in range(100):
        if fc < fd:
            b, d, fd = d, c, fc
            c = b - g * (b - a)
            fc = _nll(logits, labels, np.exp(c))
        else:
            a, c, fc = c, d, fd
            d = a + g * (b - a)
            fd = _nll(logits, labels, np.exp(d))
    return float(np.exp((a + b) / 2))
