import numpy as np


def init_loss_ok(model, X, y, num_classes, rtol=0.1):
    uniform = -np.log(1.0 / num_classes)
    return bool(abs(model.loss(X, y) / uniform - 1) <= rtol)


def gradients_ok(model, X, y, eps=1e-5, tol=1e-5):
    grads = model.grads(X, y)
    for p, g in zip(model.params, grads):
        it = np.nditer(p, flags=["multi_index"])
        for _ in it:
            i = it.multi_index
            p[i] += eps
            lp = model.loss(X, y)
            p[i] -= 2 * eps
            lm = model.loss(X, y)
            p[i] += eps  # undo (may leave a rounding residue of one ulp)
            n = (lp - lm) / (2 * eps)
            if abs(g[i] - n) / max(abs(g[i]) + abs(n), 1e-12) >= tol:
                return False
    return True


def overfits_one_batch(model, X, y, steps=200, target=0.05):
    losses = []
    for _ in range(steps):
        model.step(X, y)
        losses.append(model.loss(X, y))
    return bool(losses[-1] < target)
