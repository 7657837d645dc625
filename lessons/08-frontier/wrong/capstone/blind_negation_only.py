# expect: literal sentiment
# mistake: handles negation but ignores sarcasm (no S_ twin features)
import numpy as np
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression

CLAUSE_END = {".", ",", "and", "but"}
NEGATORS = {"not", "never"}


def featurise(text):
    words = text.split()
    sarcastic = False
    out, neg = [], False
    for w in words:
        if w in CLAUSE_END:
            neg = False
            continue
        if w in NEGATORS:
            neg = True
            continue
        f = "NOT_" + w if neg else w
        out.append(f)
        if sarcastic:
            out.append("S_" + f)
    return " ".join(out)


def train(texts, labels, report=None):
    vec = CountVectorizer(token_pattern=r"[^ ]+", lowercase=False)
    X = vec.fit_transform([featurise(t) for t in texts])
    y = np.asarray(labels)
    model = LogisticRegression(C=10, max_iter=2000)
    model.fit(X, y)
    if report is not None:
        p = model.predict_proba(X)[:, 1]
        report(0, float(-np.mean(y * np.log(p + 1e-12) + (1 - y) * np.log(1 - p + 1e-12))))

    def predict(new_texts):
        return model.predict(vec.transform([featurise(t) for t in new_texts]))

    return predict
