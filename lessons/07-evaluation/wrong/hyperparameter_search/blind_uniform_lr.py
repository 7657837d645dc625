# expect: log-uniform
# mistake: lr drawn uniformly from [1e-4, 1e-1] instead of log-uniformly
import numpy as np

WIDTHS = (8, 16, 32, 64)


def random_search(data, train, n_trials, seed=0):
    rng = np.random.default_rng(seed)
    results, models = [], []
    for _ in range(n_trials):
        lr = float(rng.uniform(1e-4, 1e-1))
        width = int(rng.choice(WIDTHS))
        model = train(*data.train, lr=lr, width=width)
        results.append({"lr": lr, "width": width, "val_accuracy": float(model.accuracy(*data.val))})
        models.append(model)
    i = max(range(len(results)), key=lambda j: results[j]["val_accuracy"])
    return results, results[i], float(models[i].accuracy(*data.test))
