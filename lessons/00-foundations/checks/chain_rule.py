"""Checker: chain-rule derivatives, decided by sympy, with the classic slips named."""

from tutor.checks import Checker

INNER = "you forgot the inner derivative: d/dx f(g(x)) = f'(g(x)) * g'(x)"


def check(t: Checker) -> None:
    with t.part("D_SIN_X2"):
        t.expect_expression(
            "D_SIN_X2: d/dx sin(x**2)",
            "D_SIN_X2",
            "2*x*cos(x**2)",
            mistakes={
                f"{INNER}; here the inside is x**2, whose derivative 2*x multiplies cos(x**2).": "cos(x**2)",
                "the outer derivative is evaluated at the inside, unchanged: cos(x**2), not cos(2*x); "
                "then multiply by the inner derivative 2*x.": "2*x*cos(2*x)",
                "the outer derivative is cos evaluated at the *unchanged* inside x**2: cos(x**2) * 2*x.": "cos(2*x)",
            },
        )
    with t.part("D_EXP_NEG_X2"):
        t.expect_expression(
            "D_EXP_NEG_X2: d/dx exp(-x**2)",
            "D_EXP_NEG_X2",
            "-2*x*exp(-x**2)",
            mistakes={
                f"{INNER}; the inside is -x**2, with derivative -2*x.": "exp(-x**2)",
                "the sign of the inner derivative got lost: d/dx (-x**2) = -2*x.": "2*x*exp(-x**2)",
                "exp is not a power: the power rule does not apply to exp(u); d/du exp(u) = exp(u).": "-x**2*exp(-x**2 - 1)",
            },
        )
    with t.part("D_POWER_CHAIN"):
        t.expect_expression(
            "D_POWER_CHAIN: d/dx (3*x + 1)**4",
            "D_POWER_CHAIN",
            "12*(3*x + 1)**3",
            mistakes={
                f"{INNER}; d/dx (3*x + 1) = 3, so there is a factor 3 more.": "4*(3*x + 1)**3",
                "the power rule lowers the exponent by one: 4 -> 3.": "12*(3*x + 1)**4",
            },
        )
    with t.part("D_SOFTPLUS"):
        t.expect_expression(
            "D_SOFTPLUS: d/dx log(1 + exp(x))",
            "D_SOFTPLUS",
            "exp(x)/(1 + exp(x))",
            mistakes={
                f"{INNER}; d/du log(u) = 1/u, times the derivative of u = 1 + exp(x).": "1/(1 + exp(x))",
                "d/du log(u) = 1/u: the derivative of the inside is divided by u, not multiplied.": "exp(x)*log(1 + exp(x))",
            },
        )
    with t.part("D_SIGMOID"):
        t.expect_expression(
            "D_SIGMOID: d/dx 1/(1 + exp(-x))",
            "D_SIGMOID",
            "exp(-x)/(1 + exp(-x))**2",
            mistakes={
                "the sign is off: d/dx exp(-x) = -exp(-x) (inner derivative -1), and it meets the minus "
                "from d/du (1/u) = -1/u**2, so the two cancel.": "-exp(-x)/(1 + exp(-x))**2",
                f"{INNER}; 1/u gives -1/u**2, then multiply by du/dx = -exp(-x).": "-1/(1 + exp(-x))**2",
                "d/du (1/u) = -1/u**2, squared in the denominator.": "exp(-x)/(1 + exp(-x))",
            },
        )
    with t.part("DL_DW"):
        t.expect_expression(
            "DL_DW: dL/dw of (w*x + b - y)**2",
            "DL_DW",
            "2*(w*x + b - y)*x",
            symbols="w x b y",
            mistakes={
                f"{INNER}: the inside w*x + b - y has derivative x with respect to w.": "2*(w*x + b - y)",
                "the power rule gives a factor 2: d/du u**2 = 2*u.": "(w*x + b - y)*x",
                "d/dw (w*x) is x, not w.": "2*(w*x + b - y)*w",
            },
        )
    with t.part("DL_DB"):
        t.expect_expression(
            "DL_DB: dL/db of (w*x + b - y)**2",
            "DL_DB",
            "2*(w*x + b - y)",
            symbols="w x b y",
            mistakes={
                "that is dL/dw; with respect to b the inner derivative is 1, not x.": "2*(w*x + b - y)*x",
                "the power rule gives a factor 2: d/du u**2 = 2*u.": "w*x + b - y",
            },
        )
