# expect: no answer yet
D_SIN_X2 = ""
D_EXP_NEG_X2 = ""
D_POWER_CHAIN = ""
D_SOFTPLUS = ""
D_SIGMOID = ""
DL_DW = ""
DL_DB = ""
