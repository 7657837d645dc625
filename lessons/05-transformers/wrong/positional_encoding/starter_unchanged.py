# expect: not implemented
def sinusoidal_encoding(num_positions, d_model):
    raise NotImplementedError


def rope(x, positions, base=10000.0):
    raise NotImplementedError
