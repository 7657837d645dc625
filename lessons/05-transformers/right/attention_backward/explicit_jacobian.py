import numpy as np


def attention_backward(dout, q, k, v, mask=None):
    # Build the L x L softmax Jacobian of every row explicitly: slow but plainly right.
    d = q.shape[-1]
    s = q @ np.swapaxes(k, -1, -2) / np.sqrt(d)
    keep = np.ones(s.shape, dtype=bool) if mask is None else np.broadcast_to(mask, s.shape)
    p = np.zeros_like(s)
    for idx in np.ndindex(*s.shape[:-1]):
        row, ok = s[idx], keep[idx]
        if ok.any():
            e = np.exp(row[ok] - row[ok].max())
            p[idx][ok] = e / e.sum()
    dv = np.swapaxes(p, -1, -2) @ dout
    dp = dout @ np.swapaxes(v, -1, -2)
    ds = np.zeros_like(p)
    for idx in np.ndindex(*p.shape[:-1]):
        pr = p[idx]
        jac = np.diag(pr) - np.outer(pr, pr)
        ds[idx] = jac @ dp[idx]
    return ds @ k / np.sqrt(d), np.swapaxes(ds, -1, -2) @ q / np.sqrt(d), dv
