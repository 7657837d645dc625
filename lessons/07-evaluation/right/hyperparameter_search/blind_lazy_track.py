# variant: keeps only the running best model (strict > keeps the first on ties); lr via log10 bounds with np.log10
import numpy as np

WIDTHS = (8, 16, 32, 64)


def random_search(data, train, n_trials, seed=0):
    rng = np.random.default_rng(seed)
    lo, hi = np.log10(1e-4), np.log10(1e-1)
    results = []
    best, best_model = None, None
    X_train, y_train = data.train
    for _ in range(n_trials):
        lr = float(10.0 ** rng.uniform(lo, hi))
        width = int(WIDTHS[rng.integers(len(WIDTHS))])
        model = train(X_train, y_train, lr=lr, width=width)
        entry = {"lr": lr, "width": width, "val_accuracy": float(model.accuracy(*data.val))}
        results.append(entry)
        if best is None or entry["val_accuracy"] > best["val_accuracy"]:
            best, best_model = entry, model
    test_accuracy = float(best_model.accuracy(*data.test)) if best_model is not None else float("nan")
    return results, best, test_accuracy
