

def sample_normal(rng, mean, std, n):
    return rng.normal(loc=mean, scale=std, size=n)


def sample_uniform(rng, low, high, n):
    return rng.uniform(low, high, size=n)


def standardize(X):
    mu = X.mean(axis=0)
    sd = X.std(axis=0)
    sd[X.max(axis=0) == X.min(axis=0)] = 1  # constant columns: their computed sd may be 1e-17, not 0
    return (X - mu) / sd
