# expect: memorises the training reviews
# mistake: 1-nearest-neighbour on raw bag of words: perfect on training reviews, a memoriser on new ones
import numpy as np
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression

CLAUSE_END = {".", ",", "and", "but"}
NEGATORS = {"not", "never"}


def featurise(text):
    words = text.split()
    sarcastic = len(words) > 0 and words[0] == "oh"
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
    from sklearn.neighbors import KNeighborsClassifier
    X = vec.fit_transform(list(texts))
    model = KNeighborsClassifier(n_neighbors=1)
    model.fit(X, y)
    if report is not None:
        p = np.clip(model.predict_proba(X)[:, 1], 0.01, 0.99)
        report(0, float(-np.mean(y * np.log(p + 1e-12) + (1 - y) * np.log(1 - p + 1e-12))))

    def predict(new_texts):
        return model.predict(vec.transform(list(new_texts)))

    return predict
