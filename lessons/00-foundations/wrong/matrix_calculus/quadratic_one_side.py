# expect: you differentiated only one occurrence
GRAD_LINEAR = "a"
GRAD_QUADRATIC = "A*w"
GRAD_LEAST_SQUARES = "2*X.T*(X*w - y)"
GRAD_LAYER_W = "g*x.T"
GRAD_LAYER_X = "W.T*g"
