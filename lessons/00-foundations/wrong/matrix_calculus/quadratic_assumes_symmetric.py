# expect: only for a symmetric A
GRAD_LINEAR = "a"
GRAD_QUADRATIC = "2*A*w"
GRAD_LEAST_SQUARES = "2*X.T*(X*w - y)"
GRAD_LAYER_W = "g*x.T"
GRAD_LAYER_X = "W.T*g"
