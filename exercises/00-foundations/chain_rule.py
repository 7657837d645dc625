"""The chain rule: differentiate the outside, multiply by the derivative of the inside.

Write each derivative as a string; sympy checks it, so any equivalent form
is accepted. Use exp, log, sin, cos, sqrt and the variable names given —
write functions such as the sigmoid out in full with exp.

Run `dltutor check chain_rule` to test your answers.
"""

# d/dx  sin(x**2)
D_SIN_X2 = ""  # TODO

# d/dx  exp(-x**2)
D_EXP_NEG_X2 = ""  # TODO

# d/dx  (3*x + 1)**4
D_POWER_CHAIN = ""  # TODO

# d/dx  log(1 + exp(x))          (softplus)
D_SOFTPLUS = ""  # TODO

# d/dx  1/(1 + exp(-x))          (the sigmoid)
D_SIGMOID = ""  # TODO

# A one-weight model with squared error: L = (w*x + b - y)**2.
# Variables: w, x, b, y.
# dL/dw
DL_DW = ""  # TODO
# dL/db
DL_DB = ""  # TODO
