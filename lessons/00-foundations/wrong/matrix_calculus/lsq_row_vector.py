# expect: transpose of the answer
GRAD_LINEAR = "a"
GRAD_QUADRATIC = "(A + A.T)*w"
GRAD_LEAST_SQUARES = "2*(X*w - y).T*X"
GRAD_LAYER_W = "g*x.T"
GRAD_LAYER_X = "W.T*g"
