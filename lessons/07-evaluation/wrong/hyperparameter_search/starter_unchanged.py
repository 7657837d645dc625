# expect: not implemented
def random_search(data, train, n_trials, seed=0):
    raise NotImplementedError
