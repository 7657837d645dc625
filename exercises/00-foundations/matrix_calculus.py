"""Matrix calculus: gradients written as matrix expressions.

Each answer is a string in the matrix names below; the checker builds them
as small matrices of symbols and sympy compares every entry, so any
equivalent form is accepted. Use `*` (or `@`) for matrix products, `.T` for
the transpose, and plain numbers for constants.

Shapes:  X is 4×3, w is 3×1, y is 4×1, a is 3×1, A is 3×3 (not symmetric),
         W is 2×3, x is 3×1, g is 2×1.

A gradient has the shape of the thing you differentiate with respect to.

Run `dltutor check matrix_calculus` to test your answers.
"""

# gradient with respect to w of  a.T*w            (a dot product, a scalar)
GRAD_LINEAR = ""  # TODO

# gradient with respect to w of  w.T*A*w          (a quadratic form)
GRAD_QUADRATIC = ""  # TODO

# gradient with respect to w of  (X*w - y).T*(X*w - y)     (squared error, no 1/N)
GRAD_LEAST_SQUARES = ""  # TODO

# A dense layer z = W*x receives the upstream gradient g = dL/dz, i.e. L = g.T*W*x.
# gradient with respect to W
GRAD_LAYER_W = ""  # TODO
# gradient with respect to x
GRAD_LAYER_X = ""  # TODO
