# expect: not implemented
def conv2d_backward(dout, x, w, stride=1, padding=0):
    raise NotImplementedError
