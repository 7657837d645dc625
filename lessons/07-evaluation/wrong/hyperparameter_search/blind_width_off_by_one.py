# expect: was never drawn
# mistake: rng.integers(0, 3) index never picks width 64 (off-by-one)
import numpy as np

WIDTHS = (8, 16, 32, 64)


def random_search(data, train, n_trials, seed=0):
    rng = np.random.default_rng(seed)
    results, models = [], []
    for _ in range(n_trials):
        lr = float(10 ** rng.uniform(-4, -1))
        width = WIDTHS[int(rng.integers(0, 3))]
        model = train(*data.train, lr=lr, width=width)
        results.append({"lr": lr, "width": width, "val_accuracy": float(model.accuracy(*data.val))})
        models.append(model)
    i = max(range(len(results)), key=lambda j: results[j]["val_accuracy"])
    return results, results[i], float(models[i].accuracy(*data.test))
