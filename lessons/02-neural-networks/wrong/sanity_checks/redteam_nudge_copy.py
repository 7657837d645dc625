# expect: your nudges never reached the model
import numpy as np


def init_loss_ok(model, X: np.ndarray, y: np.ndarray, num_classes: int, rtol: float = 0.1) -> bool:
    loss = model.loss(X, y)
    expected = np.log(num_classes)
    return bool(abs(loss - expected) <= rtol * expected)


def gradients_ok(model, X: np.ndarray, y: np.ndarray, eps: float = 1e-5, tol: float = 1e-5) -> bool:
    analytic = model.grads(X, y)
    worst = 0.0
    for p, a in zip(model.params, analytic):
        p = p.copy()
        for i in np.ndindex(p.shape):
            old = p[i]
            p[i] = old + eps
            up = model.loss(X, y)
            p[i] = old - eps
            down = model.loss(X, y)
            p[i] = old
            num = (up - down) / (2 * eps)
            err = abs(a[i] - num) / max(abs(a[i]) + abs(num), 1e-12)
            worst = max(worst, err)
    return bool(worst < tol)


def overfits_one_batch(model, X: np.ndarray, y: np.ndarray, steps: int = 200, target: float = 0.05) -> bool:
    for _ in range(steps):
        model.step(X, y)
    return bool(model.loss(X, y) < target)
