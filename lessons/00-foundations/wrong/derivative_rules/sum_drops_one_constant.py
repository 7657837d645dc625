# expect: off by a constant factor
D_POWER = "5*x**4"
D_SQRT = "1/(2*sqrt(x))"
D_SUM = "3*exp(x) - 1/x"
D_PRODUCT = "2*x*sin(x) + x**2*cos(x)"
D_QUOTIENT = "(x*exp(x) - exp(x))/x**2"
