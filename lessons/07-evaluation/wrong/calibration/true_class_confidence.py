# expect: TRUE class
import numpy as np


def expected_calibration_error(probs, labels, n_bins=15):
    conf = probs[np.arange(len(labels)), labels]
    correct = probs.argmax(1) == labels
    bins = np.clip(np.ceil(conf * n_bins).astype(int) - 1, 0, n_bins - 1)
    total = 0.0
    for b in range(n_bins):
        m = bins == b
        if m.any():
            total += m.mean() * abs(correct[m].mean() - conf[m].mean())
    return float(total)


def fit_temperature(logits, labels):
    def nll(T):
        z = logits / T
        z = z - z.max(1, keepdims=True)
        return np.mean(np.log(np.exp(z).sum(1)) - z[np.arange(len(labels)), labels])
    grid = np.exp(np.linspace(np.log(0.05), np.log(20), 2000))
    return float(grid[np.argmin([nll(T) for T in grid])])

