# expect: bag-of-words
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression


def train(texts, labels, report=None):
    vectoriser = CountVectorizer()
    model = LogisticRegression(max_iter=1000).fit(vectoriser.fit_transform(texts), labels)
    return lambda new: model.predict(vectoriser.transform(new))
