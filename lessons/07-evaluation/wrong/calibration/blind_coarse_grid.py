# expect: search too coarse
# mistake: temperature from a coarse grid 0.5..5 in steps of 0.5 (not within 1% of the optimum)
import numpy as np

def expected_calibration_error(probs, labels, n_bins=15):
    probs = np.asarray(probs, dtype=float); labels = np.asarray(labels)
    conf = probs.max(1); correct = (probs.argmax(1) == labels).astype(float)
    b = np.clip(np.ceil(conf * n_bins).astype(int) - 1, 0, n_bins - 1)
    ece = 0.0
    for k in range(n_bins):
        m = b == k
        if m.any():
            ece += m.mean() * abs(correct[m].mean() - conf[m].mean())
    return float(ece)


def fit_temperature(logits, labels):
    def nll(T):
        z = logits / T
        z = z - z.max(1, keepdims=True)
        return np.mean(np.log(np.exp(z).sum(1)) - z[np.arange(len(labels)), labels])
    grid = np.arange(0.5, 5.01, 0.5)
    return float(grid[np.argmin([nll(t) for t in grid])])

