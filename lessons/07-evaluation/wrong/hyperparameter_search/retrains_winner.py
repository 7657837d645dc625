# expect: do not retrain the winner
import numpy as np

WIDTHS = (8, 16, 32, 64)


def random_search(data, train, n_trials, seed=0):
    rng = np.random.default_rng(seed)
    results = []
    for _ in range(n_trials):
        lr = 10 ** rng.uniform(-4, -1)
        width = int(rng.choice(WIDTHS))
        model = train(*data.train, lr=lr, width=width)
        results.append({"lr": lr, "width": width, "val_accuracy": model.accuracy(*data.val)})
    best = max(results, key=lambda r: r["val_accuracy"])
    final = train(*data.train, lr=best["lr"], width=best["width"])
    return results, best, final.accuracy(*data.test)
