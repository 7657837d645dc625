# expect: not implemented
def stratified_kfold(y, k, seed=0):
    raise NotImplementedError


def cross_validate(X, y, k, make_scaler, make_model, seed=0):
    raise NotImplementedError
