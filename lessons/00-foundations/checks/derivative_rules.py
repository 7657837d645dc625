"""Checker: five derivatives by the basic rules, decided by sympy."""

from tutor.checks import Checker


def check(t: Checker) -> None:
    with t.part("D_POWER: d/dx x**5"):
        t.expect_expression(
            "D_POWER: d/dx x**5",
            "D_POWER",
            "5*x**4",
            mistakes={
                "the power rule lowers the exponent by one as well: d/dx x**n = n*x**(n-1).": "5*x**5",
                "the power rule also multiplies by the old exponent: d/dx x**n = n*x**(n-1).": "x**4",
                "that is the antiderivative (integral); the derivative lowers the power.": "x**6/6",
            },
        )
    with t.part("D_SQRT: d/dx sqrt(x)"):
        t.expect_expression(
            "D_SQRT: d/dx sqrt(x)",
            "D_SQRT",
            "1/(2*sqrt(x))",
            mistakes={
                "sqrt(x) = x**(1/2): the power rule brings down the 1/2 as a factor, so you are missing "
                "a factor of 1/2.": "1/sqrt(x)",
                "sqrt(x) = x**(1/2), and 1/2 - 1 = -1/2: the new power is negative.": "sqrt(x)/2",
            },
        )
    with t.part("D_SUM: d/dx 3*exp(x) - 4*log(x)"):
        t.expect_expression(
            "D_SUM: d/dx 3*exp(x) - 4*log(x)",
            "D_SUM",
            "3*exp(x) - 4/x",
            mistakes={
                "the constant factors stay: d/dx (c*f) = c*f'. Keep the 3 and the 4.": "exp(x) - 1/x",
                "d/dx log(x) = 1/x (log here is the natural logarithm).": "3*exp(x) - 4*log(x)/x",
                "the sign of the second term got lost: the derivative of a difference is the "
                "difference of the derivatives.": "3*exp(x) + 4/x",
            },
        )
    with t.part("D_PRODUCT: d/dx x**2*sin(x)"):
        t.expect_expression(
            "D_PRODUCT: d/dx x**2*sin(x)",
            "D_PRODUCT",
            "2*x*sin(x) + x**2*cos(x)",
            mistakes={
                "the derivative of a product is not the product of the derivatives: (f*g)' = f'*g + f*g'.": "2*x*cos(x)",
                "one term is missing: (f*g)' = f'*g + f*g' has two terms; you kept only f*g'.": "x**2*cos(x)",
                "one term is missing: (f*g)' = f'*g + f*g' has two terms; you kept only f'*g.": "2*x*sin(x)",
            },
        )
    with t.part("D_QUOTIENT: d/dx exp(x)/x"):
        t.expect_expression(
            "D_QUOTIENT: d/dx exp(x)/x",
            "D_QUOTIENT",
            "(x*exp(x) - exp(x))/x**2",
            mistakes={
                "the numerator is the wrong way round: (f/g)' = (f'*g - f*g')/g**2 — f' comes first.": "(exp(x) - x*exp(x))/x**2",
                "the derivative of a quotient is not the quotient of the derivatives: "
                "(f/g)' = (f'*g - f*g')/g**2.": "exp(x)",
                "the denominator is g**2, squared: (f/g)' = (f'*g - f*g')/g**2.": "(x*exp(x) - exp(x))/x",
            },
        )
