# expect: the sign is off
D_SIN_X2 = "2*x*cos(x**2)"
D_EXP_NEG_X2 = "-2*x*exp(-x**2)"
D_POWER_CHAIN = "12*(3*x + 1)**3"
D_SOFTPLUS = "exp(x)/(1 + exp(x))"
D_SIGMOID = "-exp(-x)/(1 + exp(-x))**2"
DL_DW = "2*(w*x + b - y)*x"
DL_DB = "2*(w*x + b - y)"
