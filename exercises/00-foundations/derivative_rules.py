"""Derivatives with the basic rules: power, sum, product, quotient.

Write each derivative d/dx as a string in x. sympy decides whether it is
right, so any equivalent form is accepted: "5*x**4", "5 x^4" and "5*x*x*x*x"
are all the same answer. Use exp, log (natural), sqrt, sin, cos; write
multiplication with `*` when in doubt.

Run `dltutor check derivative_rules` to test your answers.
"""

# d/dx  x**5
D_POWER = ""  # TODO

# d/dx  sqrt(x)          (sqrt(x) is x**(1/2))
D_SQRT = ""  # TODO

# d/dx  3*exp(x) - 4*log(x)
D_SUM = ""  # TODO

# d/dx  x**2 * sin(x)    (product rule)
D_PRODUCT = ""  # TODO

# d/dx  exp(x) / x       (quotient rule)
D_QUOTIENT = ""  # TODO
