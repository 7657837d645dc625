# expect: the numerator is the wrong way round
D_POWER = "5*x**4"
D_SQRT = "1/(2*sqrt(x))"
D_SUM = "3*exp(x) - 4/x"
D_PRODUCT = "2*x*sin(x) + x**2*cos(x)"
D_QUOTIENT = "(exp(x) - x*exp(x))/x**2"
