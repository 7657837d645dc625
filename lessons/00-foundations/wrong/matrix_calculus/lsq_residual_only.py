# expect: shape of the residual
GRAD_LINEAR = "a"
GRAD_QUADRATIC = "(A + A.T)*w"
GRAD_LEAST_SQUARES = "2*(X*w - y)"
GRAD_LAYER_W = "g*x.T"
GRAD_LAYER_X = "W.T*g"
