import numpy as np

WIDTHS = np.array([8, 16, 32, 64])


def random_search(data, train, n_trials, seed=0):
    rng = np.random.default_rng(seed)
    lrs = 10.0 ** rng.uniform(-4, -1, size=n_trials)
    widths = rng.choice(WIDTHS, size=n_trials)
    models = [train(*data.train, lr=float(lr), width=int(w)) for lr, w in zip(lrs, widths)]
    scores = np.array([m.accuracy(*data.val) for m in models])
    results = [{"lr": float(lr), "width": int(w), "val_accuracy": float(s)} for lr, w, s in zip(lrs, widths, scores)]
    i = int(np.argmax(scores))  # argmax returns the first of equal maxima
    return results, results[i], models[i].accuracy(*data.test)
