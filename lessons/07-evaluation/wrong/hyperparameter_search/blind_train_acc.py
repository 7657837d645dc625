# expect: TRAINING accuracy
# mistake: the best entry is picked by accuracy on the TRAINING split, not validation
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
    tr = [m.accuracy(*data.train) for m in models]
    i = int(np.argmax(tr))
    return results, results[i], float(models[i].accuracy(*data.test))
