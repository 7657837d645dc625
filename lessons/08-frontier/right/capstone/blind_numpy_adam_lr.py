# variant: NumPy-only logistic regression (own vocabulary, Adam by hand) on negation/sarcasm features; no scikit-learn
import numpy as np


def _tokens(text):
    words = text.split()
    sarc = bool(words) and words[0] == "oh"
    neg = False
    out = []
    for w in words:
        if w in (".", ",", "and", "but"):
            neg = False
        elif w in ("not", "never"):
            neg = True
        else:
            f = ("NOT_" if neg else "") + w
            out.append(f)
            if sarc:
                out.append("S_" + f)
    return out


def train(texts, labels, report=None):
    texts = list(texts)
    vocab = {}
    for t in texts:
        for tok in _tokens(t):
            vocab.setdefault(tok, len(vocab))

    def matrix(ts):
        X = np.zeros((len(ts), len(vocab) + 1), dtype=np.float64)
        X[:, -1] = 1.0
        for i, t in enumerate(ts):
            for tok in _tokens(t):
                j = vocab.get(tok)
                if j is not None:
                    X[i, j] += 1.0
        return X

    X = matrix(texts)
    y = np.asarray(labels, dtype=np.float64)
    w = np.zeros(X.shape[1])
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    lr, b1, b2 = 0.05, 0.9, 0.999
    for step in range(1, 801):
        z = X @ w
        p = 0.5 * (1.0 + np.tanh(0.5 * z))
        g = X.T @ (p - y) / len(y) + 1e-4 * w
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        w -= lr * (m / (1 - b1 ** step)) / (np.sqrt(v / (1 - b2 ** step)) + 1e-8)
        if report is not None and step % 50 == 0:
            report(step, float(np.mean(np.logaddexp(0.0, z) - y * z)))

    def predict(new_texts):
        return (matrix(list(new_texts)) @ w > 0).astype(np.int64)

    return predict
