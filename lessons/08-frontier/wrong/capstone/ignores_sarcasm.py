# expect: sarcastic
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression


def mark_negation(text):
    out, negated = [], False
    for word in text.split():
        if word in (".", ",", "and", "but"):
            negated = False
        elif word in ("not", "never"):
            negated = True
            continue
        out.append("NOT_" + word if negated else word)
    return " ".join(out)


def train(texts, labels, report=None):
    vectoriser = CountVectorizer(token_pattern=r"[^ ]+")
    model = LogisticRegression(C=10, max_iter=2000).fit(vectoriser.fit_transform(map(mark_negation, texts)), labels)
    return lambda new: model.predict(vectoriser.transform(map(mark_negation, new)))
