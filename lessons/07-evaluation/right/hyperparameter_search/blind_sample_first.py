# variant: draws all configurations up front (vectorised), then trains; argmax (first on ties) over the scores
import numpy as np

WIDTHS = (8, 16, 32, 64)


def random_search(data, train, n_trials, seed=0):
    rng = np.random.default_rng(seed)
    lrs = np.exp(rng.uniform(np.log(1e-4), np.log(1e-1), size=n_trials))
    widths = rng.choice(np.array(WIDTHS), size=n_trials)
    results, models = [], []
    for lr, w in zip(lrs, widths):
        m = train(data.train[0], data.train[1], lr=float(lr), width=int(w))
        models.append(m)
        results.append({"lr": float(lr), "width": int(w), "val_accuracy": float(m.accuracy(data.val[0], data.val[1]))})
    i = int(np.argmax([r["val_accuracy"] for r in results]))
    return results, results[i], float(models[i].accuracy(data.test[0], data.test[1]))
