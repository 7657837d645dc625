"""Checker: matrix gradients, each entry decided by sympy against grad() of the scalar."""

from tutor.checks import Checker, symbol_matrix


def _grad(scalar, m):
    return m.applyfunc(lambda entry: scalar.diff(entry))


def check(t: Checker) -> None:
    X, w, y = symbol_matrix("X", 4, 3), symbol_matrix("w", 3, 1), symbol_matrix("y", 4, 1)
    a, A = symbol_matrix("a", 3, 1), symbol_matrix("A", 3, 3)
    W, x, g = symbol_matrix("W", 2, 3), symbol_matrix("x", 3, 1), symbol_matrix("g", 2, 1)

    with t.part("GRAD_LINEAR"):
        t.expect_matrix_expression(
            "GRAD_LINEAR: ∇w (a.T*w)",
            "GRAD_LINEAR",
            _grad((a.T * w)[0], w),
            {"a": a, "w": w},
            wrt="w",
            mistakes={
                "the gradient of a dot product with respect to w is the other vector, a; w itself drops out.": "w"
            },
        )
    with t.part("GRAD_QUADRATIC"):
        t.expect_matrix_expression(
            "GRAD_QUADRATIC: ∇w (w.T*A*w)",
            "GRAD_QUADRATIC",
            _grad((w.T * A * w)[0], w),
            {"A": A, "w": w},
            wrt="w",
            mistakes={
                "2*A*w holds only for a symmetric A. w appears twice in w.T*A*w; differentiating each "
                "occurrence gives A*w + A.T*w.": "2*A*w",
                "w appears twice in w.T*A*w; you differentiated only one occurrence. The other one "
                "contributes A.T*w.": "A*w",
                "w appears twice in w.T*A*w; you differentiated only one occurrence. The other one "
                "contributes A*w.": "A.T*w",
            },
        )
    with t.part("GRAD_LEAST_SQUARES"):
        r = X * w - y
        t.expect_matrix_expression(
            "GRAD_LEAST_SQUARES: ∇w |Xw - y|²",
            "GRAD_LEAST_SQUARES",
            _grad((r.T * r)[0], w),
            {"X": X, "w": w, "y": y},
            wrt="w",
            mistakes={
                "the square gives a factor 2: the gradient of r.T*r is 2*X.T*r — you have half of it.": "X.T*(X*w - y)",
                "the sign is flipped: the residual is X*w - y, and its derivative with respect to w is "
                "+X, so the gradient is 2*X.T*(X*w - y).": "2*X.T*(y - X*w)",
                "that has the shape of the residual (4×1), one entry per sample; the chain rule "
                "multiplies it by X.T to get one entry per weight.": "2*(X*w - y)",
                "X.T*X*w alone forgets the target: the residual is X*w - y.": "2*X.T*X*w",
            },
        )
    with t.part("GRAD_LAYER_W"):
        L = (g.T * W * x)[0]
        t.expect_matrix_expression(
            "GRAD_LAYER_W: ∂L/∂W for L = g.T*W*x",
            "GRAD_LAYER_W",
            _grad(L, W),
            {"W": W, "x": x, "g": g},
            wrt="W",
            mistakes={
                "that is ∂L/∂x; with respect to W the answer is an outer product, 2×3 like W.": "W.T*g",
            },
        )
    with t.part("GRAD_LAYER_X"):
        L = (g.T * W * x)[0]
        t.expect_matrix_expression(
            "GRAD_LAYER_X: ∂L/∂x for L = g.T*W*x",
            "GRAD_LAYER_X",
            _grad(L, x),
            {"W": W, "x": x, "g": g},
            wrt="x",
            mistakes={
                "that is ∂L/∂W; with respect to x the upstream gradient goes back through W.T.": "g*x.T",
            },
        )
