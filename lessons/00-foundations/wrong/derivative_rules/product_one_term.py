# expect: one term is missing
D_POWER = "5*x**4"
D_SQRT = "1/(2*sqrt(x))"
D_SUM = "3*exp(x) - 4/x"
D_PRODUCT = "x**2*cos(x)"
D_QUOTIENT = "(x*exp(x) - exp(x))/x**2"
