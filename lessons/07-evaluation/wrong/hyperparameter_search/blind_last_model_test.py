# expect: best validation accuracy
# mistake: test accuracy of the LAST trained model, not the best one
import numpy as np

WIDTHS = (8, 16, 32, 64)


def random_search(data, train, n_trials, seed=0):
    rng = np.random.default_rng(seed)
    results, models = [], []
    for _ in range(n_trials):
        lr = float(10 ** rng.uniform(-4, -1))
        width = int(rng.choice(WIDTHS))
        model = train(*data.train, lr=lr, width=width)
        results.append({"lr": lr, "width": width, "val_accuracy": float(model.accuracy(*data.val))})
        models.append(model)
    i = max(range(len(results)), key=lambda j: results[j]["val_accuracy"])
    return results, results[i], float(model.accuracy(*data.test))
