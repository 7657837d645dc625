import numpy as np


def attention_forward(q, k, v, mask=None):
    """Returns (out, P). Complete: use it in your backward."""
    scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    peak = scores.max(axis=-1, keepdims=True)
    e = np.exp(scores - np.where(np.isfinite(peak), peak, 0.0))
    total = e.sum(axis=-1, keepdims=True)
    p = e / np.where(total > 0, total, 1.0)
    return p @ v, p


def attention_backward(dout, q, k, v, mask=None):
    _, P = attention_forward(q, k, v, mask)
    lead = np.broadcast_shapes(P.shape[:-2], dout.shape[:-2])
    P_b = np.broadcast_to(P, lead + P.shape[-2:]).reshape(-1, *P.shape[-2:])
    do_b = np.broadcast_to(dout, lead + dout.shape[-2:]).reshape(-1, *dout.shape[-2:])
    q_b = np.broadcast_to(q, lead + q.shape[-2:]).reshape(-1, *q.shape[-2:])
    k_b = np.broadcast_to(k, lead + k.shape[-2:]).reshape(-1, *k.shape[-2:])
    v_b = np.broadcast_to(v, lead + v.shape[-2:]).reshape(-1, *v.shape[-2:])
    c = 1.0 / np.sqrt(q.shape[-1])
    dq = np.zeros(q_b.shape); dk = np.zeros(k_b.shape); dv = np.zeros(v_b.shape)
    for n in range(P_b.shape[0]):
        p = P_b[n]
        dv[n] = p.T @ do_b[n]
        dp = do_b[n] @ v_b[n].T
        ds = np.zeros_like(p)
        for i in range(p.shape[0]):
            J = np.diag(p[i]) - np.outer(p[i], p[i])
            ds[i] = J @ dp[i]
        dq[n] = c * ds @ k_b[n]
        dk[n] = c * ds.T @ q_b[n]
    return (dq.reshape(lead + q.shape[-2:]), dk.reshape(lead + k.shape[-2:]), dv.reshape(lead + v.shape[-2:]))
