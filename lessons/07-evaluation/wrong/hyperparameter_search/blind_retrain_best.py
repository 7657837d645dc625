# expect: do not retrain the winner
# mistake: retrains the best configuration on train+val and reports that new model's test accuracy
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
    Xtr, ytr = data.train; Xv, yv = data.val
    m = train(np.concatenate([Xtr, Xv]), np.concatenate([ytr, yv]), lr=results[i]["lr"], width=results[i]["width"])
    return results, results[i], float(m.accuracy(*data.test))
