# expect: negation
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression


def features(text):
    words = text.split()
    return " ".join(words + (["S_" + w for w in words] if words[0] == "oh" else []))


def train(texts, labels, report=None):
    vectoriser = CountVectorizer(token_pattern=r"[^ ]+")
    model = LogisticRegression(C=10, max_iter=2000).fit(vectoriser.fit_transform(map(features, texts)), labels)
    return lambda new: model.predict(vectoriser.transform(map(features, new)))
