# expect: not implemented
def update_estimate(q, n, reward):
    raise NotImplementedError


def choose_arm(q, epsilon, rng):
    raise NotImplementedError
