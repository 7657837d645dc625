# expect: lack the key
# mistake: result dicts use keys "learning_rate"/"acc" instead of "lr"/"val_accuracy"
import numpy as np

WIDTHS = (8, 16, 32, 64)


def random_search(data, train, n_trials, seed=0):
    rng = np.random.default_rng(seed)
    results, models = [], []
    for _ in range(n_trials):
        lr = float(10 ** rng.uniform(-4, -1))
        width = int(rng.choice(WIDTHS))
        model = train(*data.train, lr=lr, width=width)
        results.append({"learning_rate": lr, "width": width, "acc": float(model.accuracy(*data.val))})
        models.append(model)
    i = max(range(len(results)), key=lambda j: results[j]["acc"])
    return results, results[i], float(models[i].accuracy(*data.test))
