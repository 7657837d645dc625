import math
import random


def random_search(data, train, n_trials, seed=0):
    rnd = random.Random(seed)
    Xtr, ytr = data.train
    Xva, yva = data.val
    trials = []
    for _ in range(n_trials):
        lr = math.exp(rnd.uniform(math.log(1e-4), math.log(1e-1)))
        width = rnd.choice([8, 16, 32, 64])
        model = train(Xtr, ytr, lr=lr, width=width)
        trials.append(({"lr": lr, "width": width, "val_accuracy": model.accuracy(Xva, yva)}, model))
    best_entry, best_model = trials[0]
    for entry, model in trials[1:]:
        if entry["val_accuracy"] > best_entry["val_accuracy"]:
            best_entry, best_model = entry, model
    X_test, y_test = data.test
    return [entry for entry, _ in trials], best_entry, best_model.accuracy(X_test, y_test)
