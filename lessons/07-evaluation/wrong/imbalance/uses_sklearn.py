# expect: scikit-learn
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import balanced_accuracy_score
from sklearn.utils.class_weight import compute_class_weight


def balanced_accuracy(y_true, y_pred):
    return balanced_accuracy_score(y_true, y_pred)


def class_weights(y):
    return compute_class_weight("balanced", classes=np.unique(y), y=y)


def fit_balanced(X, y, steps=500, lr=0.5):
    model = LogisticRegression(class_weight="balanced").fit(X, y)
    return model.coef_[0], float(model.intercept_[0])
