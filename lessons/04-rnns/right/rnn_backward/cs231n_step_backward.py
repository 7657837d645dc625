import numpy as np


def _step_backward(dnext_h, cache):
    x, prev_h, Wx, Wh, next_h = cache
    dtanh = dnext_h * (1 - next_h * next_h)
    dx = dtanh.dot(Wx.T)
    dprev_h = dtanh.dot(Wh.T)
    dWx = x.T.dot(dtanh)
    dWh = prev_h.T.dot(dtanh)
    db = np.sum(dtanh, axis=0)
    return dx, dprev_h, dWx, dWh, db


def rnn_backward(dhs, x, h0, hs, W_xh, W_hh):
    N, T, D = x.shape
    H = h0.shape[1]
    dx = np.zeros((N, T, D))
    dWx = np.zeros((D, H))
    dWh = np.zeros((H, H))
    db = np.zeros(H)
    dprev_h = np.zeros((N, H))
    for t in range(T - 1, -1, -1):
        prev = h0 if t == 0 else hs[:, t - 1, :]
        cache = (x[:, t, :], prev, W_xh, W_hh, hs[:, t, :])
        dx_t, dprev_h, dWx_t, dWh_t, db_t = _step_backward(dhs[:, t, :] + dprev_h, cache)
        dx[:, t, :] = dx_t
        dWx += dWx_t
        dWh += dWh_t
        db += db_t
    return dx, dprev_h, dWx, dWh, db
