"""Reference solution: random search scored on the validation split; one test evaluation of the winner."""

import numpy as np

WIDTHS = (8, 16, 32, 64)


def random_search(data, train, n_trials, seed=0):
    rng = np.random.default_rng(seed)
    X_train, y_train = data.train
    X_val, y_val = data.val
    results, models = [], []
    for _ in range(n_trials):
        lr = float(10 ** rng.uniform(-4, -1))  # log-uniform: every decade gets the same share of trials
        width = int(rng.choice(WIDTHS))
        model = train(X_train, y_train, lr=lr, width=width)
        results.append({"lr": lr, "width": width, "val_accuracy": float(model.accuracy(X_val, y_val))})
        models.append(model)
    winner = max(range(n_trials), key=lambda i: results[i]["val_accuracy"])
    test_accuracy = float(models[winner].accuracy(*data.test))  # the only time the test split is read
    return results, results[winner], test_accuracy
