

def sample_normal(rng, mean, std, n):
    return mean + std * rng.standard_normal(n)


def sample_uniform(rng, low, high, n):
    return rng.uniform(low, high, n)


def standardize(X, eps=1e-8):
    # the epsilon many deep-learning tutorials add: constant columns become 0 / eps = 0
    return (X - X.mean(axis=0)) / (X.std(axis=0) + eps)
