# expect: not implemented
def scaled_dot_product_attention(q, k, v, mask=None):
    raise NotImplementedError
