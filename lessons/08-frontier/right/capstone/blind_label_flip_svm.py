# variant: undo sarcasm by flipping the labels of 'oh ...' reviews, LinearSVC on negation-marked uni+bigrams, flip back at predict time; object with .predict
import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC


def _mark(text):
    out, neg = [], False
    for w in text.split():
        if w in {".", ",", "and", "but"}:
            neg = False
            out.append(w)
        elif w in {"not", "never"}:
            neg = True
        else:
            out.append("NOT_" + w if neg else w)
    return " ".join(out)


def _is_sarcastic(text):
    return text.split(" ", 1)[0] == "oh"


class SentimentModel:
    def __init__(self):
        self.vec = TfidfVectorizer(token_pattern=r"[^ ]+", lowercase=False, ngram_range=(1, 2), sublinear_tf=True)
        self.clf = LinearSVC(C=1.0)

    def fit(self, texts, labels):
        flip = np.array([_is_sarcastic(t) for t in texts])
        y = np.where(flip, 1 - np.asarray(labels), np.asarray(labels))
        self.clf.fit(self.vec.fit_transform([_mark(t) for t in texts]), y)
        return self

    def predict(self, texts):
        texts = list(texts)
        p = self.clf.predict(self.vec.transform([_mark(t) for t in texts]))
        flip = np.array([_is_sarcastic(t) for t in texts], dtype=bool)
        return np.where(flip, 1 - p, p).astype(np.int64)


def train(texts, labels, report=None):
    m = SentimentModel().fit(list(texts), labels)
    if report is not None:
        report(1, float(np.mean(m.predict(texts) != np.asarray(labels))))
    return m
