"""F.scaled_dot_product_attention with an explicit boolean mask built from positions; a tuple cache."""

import torch
import torch.nn.functional as F


def forward_with_cache(model, idx, cache=None):
    B, T = idx.shape
    t0 = cache[0][0].size(-2) if cache else 0
    pos = torch.arange(t0, t0 + T, device=idx.device)
    x = model.tok_emb(idx) + model.pos_emb(pos)
    key_pos = torch.arange(t0 + T, device=idx.device)
    visible = key_pos[None, :] <= pos[:, None]  # (T, t0 + T): True = may attend
    layers = []
    for layer, block in enumerate(model.blocks):
        a = block.attn
        h = block.ln1(x)
        q, k, v = (a.split(proj(h)) for proj in (a.q_proj, a.k_proj, a.v_proj))
        if cache:
            k = torch.cat((cache[layer][0], k), dim=-2)
            v = torch.cat((cache[layer][1], v), dim=-2)
        layers.append((k, v))
        out = F.scaled_dot_product_attention(q, k, v, attn_mask=visible)
        x = x + a.out_proj(out.transpose(1, 2).flatten(2))
        x = x + block.mlp(block.ln2(x))
    return model.head(model.ln_f(x)), tuple(layers)


def generate(model, idx, n_new):
    with torch.no_grad():
        logits, cache = forward_with_cache(model, idx)
        out = idx
        chosen = torch.empty(idx.shape[0], n_new, logits.shape[-1], dtype=logits.dtype, device=idx.device)
        for step in range(n_new):
            chosen[:, step] = logits[:, -1]
            token = logits[:, -1].argmax(dim=-1).unsqueeze(1)
            out = torch.cat((out, token), dim=1)
            if step + 1 < n_new:
                logits, cache = forward_with_cache(model, token, cache)
    return out, chosen
