# expect: minimise the ECE
# mistake: chooses T by minimising the ECE on a grid instead of the cross-entropy
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
    def ece(T):
        z = logits / T
        z = z - z.max(1, keepdims=True)
        p = np.exp(z); p /= p.sum(1, keepdims=True)
        return expected_calibration_error(p, labels)
    grid = np.exp(np.linspace(np.log(0.05), np.log(20), 400))
    return float(grid[np.argmin([ece(t) for t in grid])])

