# variant: ECE with an explicit Python loop over samples into per-bin accumulators; T by Newton's method on u = log T with analytic derivatives
import numpy as np
import math


def expected_calibration_error(probs, labels, n_bins=15):
    probs = np.asarray(probs, dtype=float)
    n = len(labels)
    cnt = [0] * n_bins
    acc = [0.0] * n_bins
    cf = [0.0] * n_bins
    for i in range(n):
        row = probs[i]
        j = int(np.argmax(row))
        c = float(row[j])
        b = max(0, min(n_bins - 1, math.ceil(c * n_bins) - 1))
        cnt[b] += 1
        acc[b] += 1.0 if j == int(labels[i]) else 0.0
        cf[b] += c
    total = 0.0
    for b in range(n_bins):
        if cnt[b]:
            total += (cnt[b] / n) * abs(acc[b] / cnt[b] - cf[b] / cnt[b])
    return float(total)


def fit_temperature(logits, labels):
    L = np.asarray(logits, dtype=float)
    y = np.asarray(labels)
    zy = L[np.arange(len(y)), y]

    def stats(u):
        beta = math.exp(-u)          # 1 / T
        z = L * beta
        z = z - z.max(1, keepdims=True)
        p = np.exp(z); p /= p.sum(1, keepdims=True)
        m1 = (p * L).sum(1)          # E_p[l]
        m2 = (p * L * L).sum(1)
        var = m2 - m1 ** 2
        # f(beta) = mean(lse(beta L) - beta zy); df/dbeta = mean(m1 - zy); d2f/dbeta2 = mean(var)
        d1b = np.mean(m1 - zy)
        d2b = np.mean(var)
        # chain rule with beta = exp(-u): dbeta/du = -beta, d2beta/du2 = beta
        g = -beta * d1b
        h = beta * beta * d2b + beta * d1b
        return g, h

    u = 0.0
    for _ in range(100):
        g, h = stats(u)
        step = g / h if h > 1e-12 else 0.1 * np.sign(g)
        step = float(np.clip(step, -1.0, 1.0))
        u -= step
        if abs(step) < 1e-10:
            break
    return float(math.exp(u))
