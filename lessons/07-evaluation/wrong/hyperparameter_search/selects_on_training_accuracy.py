# expect: TRAINING accuracy
import numpy as np

WIDTHS = (8, 16, 32, 64)


def random_search(data, train, n_trials, seed=0):
    rng = np.random.default_rng(seed)
    results, models = [], []
    for _ in range(n_trials):
        lr = 10 ** rng.uniform(-4, -1)
        width = int(rng.choice(WIDTHS))
        model = train(*data.train, lr=lr, width=width)
        results.append({"lr": lr, "width": width, "val_accuracy": model.accuracy(*data.train)})
        models.append(model)
    i = int(np.argmax([r["val_accuracy"] for r in results]))
    return results, results[i], models[i].accuracy(*data.test)
