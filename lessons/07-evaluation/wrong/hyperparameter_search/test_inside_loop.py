# expect: second validation set
import numpy as np

WIDTHS = (8, 16, 32, 64)


def random_search(data, train, n_trials, seed=0):
    rng = np.random.default_rng(seed)
    results, best, best_test = [], None, None
    for _ in range(n_trials):
        lr = 10 ** rng.uniform(-4, -1)
        width = int(rng.choice(WIDTHS))
        model = train(*data.train, lr=lr, width=width)
        entry = {"lr": lr, "width": width, "val_accuracy": model.accuracy(*data.val)}
        results.append(entry)
        if best is None or entry["val_accuracy"] > best["val_accuracy"]:
            best, best_test = entry, model.accuracy(*data.test)  # the running winner's test score
    return results, best, best_test
