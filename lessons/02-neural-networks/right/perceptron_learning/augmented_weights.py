import numpy as np


def perceptron_train(X, y, epochs=100, lr=1.0):
    # the bias as the weight of a constant input 1
    Xa = np.hstack([X, np.ones((len(X), 1))])
    wa = np.zeros(Xa.shape[1])
    errors = []
    for _ in range(epochs):
        count = 0
        for i in range(len(Xa)):
            pred = int(Xa[i] @ wa > 0)
            err = y[i] - pred
            if err:
                wa += lr * err * Xa[i]
                count += 1
        errors.append(count)
        if count == 0:
            break
    return wa[:-1].copy(), float(wa[-1]), errors


def xor_lift(X):
    # 1 only for (1, 1): with it, x1 + x2 - 2*x1*x2 is XOR
    both = np.logical_and(X[:, 0] > 0.5, X[:, 1] > 0.5).astype(float)
    return np.hstack([X, both[:, None]])
