# expect: lowers the exponent by one
D_POWER = "5.0*x**5.0"
D_SQRT = "0.5*x**(-0.5)"
D_SUM = "3*exp(x) - 4/x"
D_PRODUCT = "2*x*sin(x) + x**2*cos(x)"
D_QUOTIENT = "(x*exp(x) - exp(x))/x**2"
