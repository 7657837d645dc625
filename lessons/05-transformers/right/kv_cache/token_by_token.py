"""The prompt is also fed one token at a time (each token still passes the projections once)."""

import math

import torch


def forward_with_cache(model, idx, cache=None):
    n_new = idx.shape[1]
    n_past = 0 if cache is None else cache[0][0].shape[2]
    x = model.tok_emb(idx) + model.pos_emb.weight[n_past:n_past + n_new]
    cache = list(cache) if cache is not None else [None] * len(model.blocks)
    for i, block in enumerate(model.blocks):
        attn = block.attn
        h = block.ln1(x)
        q, k_new, v_new = attn.split(attn.q_proj(h)), attn.split(attn.k_proj(h)), attn.split(attn.v_proj(h))
        if cache[i] is None:
            k, v = k_new, v_new
        else:
            k, v = torch.cat([cache[i][0], k_new], 2), torch.cat([cache[i][1], v_new], 2)
        cache[i] = (k, v)
        scores = torch.einsum("bhqd,bhkd->bhqk", q, k) / math.sqrt(q.shape[-1])
        future = torch.triu(torch.ones(n_new, n_past + n_new, device=idx.device), diagonal=n_past + 1).bool()
        scores = scores.masked_fill(future, -math.inf)
        ctx = torch.einsum("bhqk,bhkd->bhqd", scores.softmax(-1), v)
        x = x + attn.out_proj(ctx.transpose(1, 2).reshape(x.shape))
        x = x + block.mlp(block.ln2(x))
    return model.head(model.ln_f(x)), cache


@torch.no_grad()
def generate(model, idx, n_new):
    cache = None
    for j in range(idx.shape[1]):  # prefill, one token at a time
        logits, cache = forward_with_cache(model, idx[:, j:j + 1], cache)
    tokens, history = [idx], []
    for step in range(n_new):
        history.append(logits[:, -1])
        nxt = logits[:, -1].argmax(-1)[:, None]
        tokens.append(nxt)
        if step < n_new - 1:
            logits, cache = forward_with_cache(model, nxt, cache)
    return torch.cat(tokens, 1), torch.stack(history, 1)
