# expect: learning rates must lie in [1e-4, 1e-1]
# mistake: exponent drawn in natural-log units: lr = exp(uniform(-4, -1)) covers [0.018, 0.37], not [1e-4, 1e-1]
import numpy as np

WIDTHS = (8, 16, 32, 64)


def random_search(data, train, n_trials, seed=0):
    rng = np.random.default_rng(seed)
    results, models = [], []
    for _ in range(n_trials):
        lr = float(np.exp(rng.uniform(-4, -1)))
        width = int(rng.choice(WIDTHS))
        model = train(*data.train, lr=lr, width=width)
        results.append({"lr": lr, "width": width, "val_accuracy": float(model.accuracy(*data.val))})
        models.append(model)
    i = max(range(len(results)), key=lambda j: results[j]["val_accuracy"])
    return results, results[i], float(models[i].accuracy(*data.test))
