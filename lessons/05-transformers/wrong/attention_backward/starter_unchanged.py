# expect: not implemented
def attention_backward(dout, q, k, v, mask=None):
    raise NotImplementedError
