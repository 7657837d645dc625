def mse(y_true, y_pred):
    return sum((a - b) ** 2 for a, b in zip(y_true, y_pred, strict=True)) / len(y_true)


def accuracy(y_true, y_pred):
    return sum(int(a == b) for a, b in zip(y_true, y_pred, strict=True)) / len(y_true)


def precision(y_true, y_pred):
    predicted = sum(y_pred)
    if predicted == 0:
        return 0.0
    return float((y_true * y_pred).sum() / predicted)


def recall(y_true, y_pred):
    actual = y_true.sum()
    if actual == 0:
        return 0.0
    return float(y_true @ y_pred) / actual
