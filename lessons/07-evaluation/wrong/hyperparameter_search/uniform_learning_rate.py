# expect: log-uniform
import numpy as np

WIDTHS = (8, 16, 32, 64)


def random_search(data, train, n_trials, seed=0):
    rng = np.random.default_rng(seed)
    results, models = [], []
    for _ in range(n_trials):
        lr = rng.uniform(1e-4, 1e-1)
        width = int(rng.choice(WIDTHS))
        model = train(*data.train, lr=lr, width=width)
        results.append({"lr": lr, "width": width, "val_accuracy": model.accuracy(*data.val)})
        models.append(model)
    i = int(np.argmax([r["val_accuracy"] for r in results]))
    return results, results[i], models[i].accuracy(*data.test)
