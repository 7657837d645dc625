# expect: memorises
# Word bigrams and trigrams, weakly regularised: near-perfect on the training reviews, not on new ones.
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression


def train(texts, labels, report=None):
    vectoriser = TfidfVectorizer(ngram_range=(1, 3), token_pattern=r"[^ ]+")
    model = LogisticRegression(C=20, max_iter=2000).fit(vectoriser.fit_transform(texts), labels)
    return lambda new: model.predict(vectoriser.transform(new))
