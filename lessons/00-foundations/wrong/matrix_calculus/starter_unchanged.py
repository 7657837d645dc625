# expect: no answer yet
GRAD_LINEAR = ""
GRAD_QUADRATIC = ""
GRAD_LEAST_SQUARES = ""
GRAD_LAYER_W = ""
GRAD_LAYER_X = ""
