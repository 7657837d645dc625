# expect: the first on ties
# mistake: ties broken to the LAST best entry (>= in the running max)
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
    i = 0
    for j in range(len(results)):
        if results[j]["val_accuracy"] >= results[i]["val_accuracy"]:
            i = j
    return results, results[i], float(models[i].accuracy(*data.test))
