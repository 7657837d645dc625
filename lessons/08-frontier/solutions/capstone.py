"""Reference: logistic regression on features that know about negation scope and sarcasm."""

from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression

NEGATIONS = {"not", "never"}
CLAUSE_ENDS = {".", ",", "and", "but"}


def featurise(text):
    """Words after a negation become NOT_word until the clause ends; in a review that opens
    sarcastically ("oh ..."), every feature gets an S_ twin so the model can learn flipped weights."""
    words = text.split()
    sarcastic = words[:1] == ["oh"]
    out, negated = [], False
    for word in words:
        if word in CLAUSE_ENDS:
            negated = False
        elif word in NEGATIONS:
            negated = True
            continue
        feature = "NOT_" + word if negated else word
        out.append(feature)
        if sarcastic:
            out.append("S_" + feature)
    return " ".join(out)


def train(texts, labels, report=None):
    vectoriser = CountVectorizer(token_pattern=r"[^ ]+", lowercase=False)
    X = vectoriser.fit_transform([featurise(t) for t in texts])
    model = LogisticRegression(C=10.0, max_iter=2000).fit(X, labels)
    if report is not None:  # one point: the final training loss (log loss)
        from sklearn.metrics import log_loss

        report(0, log_loss(labels, model.predict_proba(X)))

    def predict(new_texts):
        return model.predict(vectoriser.transform([featurise(t) for t in new_texts]))

    return predict
