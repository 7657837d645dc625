# expect: std + 1e-5


def sample_normal(rng, mean, std, n):
    return mean + std * rng.standard_normal(n)


def sample_uniform(rng, low, high, n):
    return low + (high - low) * rng.random(n)


def standardize(X):
    # the eps of batch norm, copied over
    return (X - X.mean(axis=0)) / (X.std(axis=0) + 1e-5)
