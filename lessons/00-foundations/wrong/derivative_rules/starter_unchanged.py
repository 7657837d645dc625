# expect: no answer yet
D_POWER = ""
D_SQRT = ""
D_SUM = ""
D_PRODUCT = ""
D_QUOTIENT = ""
