"""Plain NumPy: hand-made features (negation bigrams with scope, a sarcasm flag and its interactions)
and logistic regression by full-batch gradient descent."""

import numpy as np

NEG = ("not", "never")
STOP = (".", ",", "and", "but")


class Model:
    def __init__(self, vocab, w, b):
        self.vocab, self.w, self.b = vocab, w, b

    def features(self, texts):
        X = np.zeros((len(texts), 2 * len(self.vocab)))
        for i, text in enumerate(texts):
            words = text.split()
            offset = len(self.vocab) if words and words[0] == "oh" else 0
            negated = False
            for word in words:
                if word in STOP:
                    negated = False
                    continue
                if word in NEG:
                    negated = True
                    continue
                key = ("-" if negated else "+") + word
                if key in self.vocab:
                    X[i, offset + self.vocab[key]] += 1.0
        return X

    def predict(self, texts):
        return (self.features(texts) @ self.w + self.b > 0).astype(int)


def train(texts, labels, report=None):
    keys = sorted({sign + w for t in texts for w in t.split() for sign in "+-"})
    model = Model({k: i for i, k in enumerate(keys)}, None, 0.0)
    X = model.features(texts)
    y = np.asarray(labels, dtype=float)
    w, b = np.zeros(X.shape[1]), 0.0
    for step in range(400):
        p = 1 / (1 + np.exp(-(X @ w + b)))
        grad = p - y
        w -= 0.5 * (X.T @ grad / len(y) + 1e-4 * w)
        b -= 0.5 * grad.mean()
        if report and step % 10 == 0:
            eps = 1e-12
            report(step, float(-np.mean(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps))))
    model.w, model.b = w, b
    return model
