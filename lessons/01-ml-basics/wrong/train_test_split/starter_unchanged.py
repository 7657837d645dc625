# expect: not implemented
def shuffled_split(n, test_fraction, rng):
    raise NotImplementedError


def stratified_split(y, test_fraction, rng):
    raise NotImplementedError
