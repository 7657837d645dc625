# expect: keys and values are swapped
"""Incremental decoding with a key/value cache for the starter's TinyDecoder.

cache: one (k, v) pair per layer, each (B, n_heads, tokens so far, head_dim), the keys and values
after projection and head split. Only the new tokens go through the model on each call.
"""

import math

import torch


def forward_with_cache(model, idx, cache=None):
    past = 0 if cache is None else cache[0][0].shape[2]
    T = idx.shape[1]
    # the new tokens sit at positions past .. past + T - 1, not at 0 .. T - 1
    x = model.tok_emb(idx) + model.pos_emb(torch.arange(past, past + T, device=idx.device))
    new_cache = []
    for i, block in enumerate(model.blocks):
        attn = block.attn
        h = block.ln1(x)
        q = attn.split(attn.q_proj(h))
        k = attn.split(attn.k_proj(h))
        v = attn.split(attn.v_proj(h))
        if cache is not None:
            k = torch.cat([cache[i][1], k], dim=2)
            v = torch.cat([cache[i][0], v], dim=2)
        new_cache.append((v, k))
        scores = q @ k.transpose(-1, -2) / math.sqrt(q.shape[-1])
        # new row j may see all past keys and new keys 0..j: the triangle shifted right by `past`
        allowed = torch.ones(T, past + T, dtype=torch.bool, device=idx.device).tril(diagonal=past)
        weights = scores.masked_fill(~allowed, float("-inf")).softmax(-1)
        ctx = (weights @ v).transpose(1, 2).reshape(x.shape)
        x = x + attn.out_proj(ctx)
        x = x + block.mlp(block.ln2(x))
    return model.head(model.ln_f(x)), new_cache


@torch.no_grad()
def generate(model, idx, n_new):
    logits, cache = forward_with_cache(model, idx)  # prefill: the whole prompt at once
    tokens, steps = idx, []
    for i in range(n_new):
        last = logits[:, -1]
        steps.append(last)
        nxt = last.argmax(-1, keepdim=True)
        tokens = torch.cat([tokens, nxt], dim=1)
        if i < n_new - 1:  # the last token is returned, never fed
            logits, cache = forward_with_cache(model, nxt, cache)
    return tokens, torch.stack(steps, dim=1)
