# expect: empty bin
# mistake: empty bins produce NaN (mean of empty slice) which is summed in
import numpy as np

def expected_calibration_error(probs, labels, n_bins=15):
    conf = probs.max(1); correct = (probs.argmax(1) == labels).astype(float)
    b = np.clip(np.ceil(conf * n_bins).astype(int) - 1, 0, n_bins - 1)
    ece = 0.0
    for k in range(n_bins):
        m = b == k
        ece += m.mean() * abs(correct[m].mean() - conf[m].mean())
    return float(ece)


def fit_temperature(logits, labels):
    logits = np.asarray(logits, dtype=float); labels = np.asarray(labels)
    def nll(T):
        z = logits / T
        z = z - z.max(1, keepdims=True)
        return np.mean(np.log(np.exp(z).sum(1)) - z[np.arange(len(labels)), labels])
    grid = np.exp(np.linspace(np.log(0.05), np.log(20), 400))
    T = grid[np.argmin([nll(t) for t in grid])]
    fine = np.linspace(T * 0.97, T * 1.03, 200)
    return float(fine[np.argmin([nll(t) for t in fine])])

