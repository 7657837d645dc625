# expect: went uphill
# mistake: gradient descent on log T with the wrong sign (ascends the loss), few steps
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
    u, h = 0.0, 1e-4
    for _ in range(200):
        g = (nll(np.exp(u + h)) - nll(np.exp(u - h))) / (2 * h)
        u = u + 0.1 * g
        u = float(np.clip(u, -3, 3))
    return float(np.exp(u))

