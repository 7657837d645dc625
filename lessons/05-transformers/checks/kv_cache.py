"""Checker: incremental decoding with a key/value cache, against full recomputation.

The model is the checker's own TinyDecoder (the class the starter shows), in float64 so that the
cached and the recomputed logits agree to ~1e-12 and greedy ties cannot flip a token. Steps:
a prefill (whole prompt, no cache) must give the full forward's logits and a cache of the right
layout holding the projected KEYS and values (q, the unprojected input, or k/v swapped are named);
one new token must extend the cache by one position and match the full forward's last row (a new
token placed at position 0, or a cache written but never read, are named by recomputing those
variants); a chunk of three tokens after a cache tests the causal mask's offset (top-left
alignment, as `is_causal=True` gives, and no mask, are named). Then `generate` must produce the
same greedy tokens and logits as full recomputation, and the rows passed through every layer's
k_proj and v_proj are COUNTED by forward hooks: a cache passes each token once, recomputation
passes the whole prefix again every step. Wall-clock speed-up is measured and shown, never judged.
"""

import time

import torch
from _kv_model import build, cached_forward, greedy_full

from tutor.checks import Checker
from tutor.checks.training import single_thread_on_cpu, torch_generator, torch_hint

V, E, H, LAYERS, BLOCK = 20, 32, 4, 2, 64
DH = E // H
TOL = {"rtol": 1e-6, "atol": 1e-8}  # float64 on both sides
POSITIONS_PLUS_ONE = (
    "the new tokens' positions are one too far: after T_past cached tokens (positions 0 .. T_past − 1) the "
    "next one sits at T_past itself, so use pos_emb(torch.arange(T_past, T_past + T_new)), not T_past + 1 onwards."
)


def _hint(exc):
    text = str(exc)
    if "must match the size" in text or "size of tensor" in text or "shape" in text:
        return (
            "a shape clash — the cache is one (k, v) per layer, each (B, n_heads, T_past, head_dim); new keys "
            "are concatenated along dim=2 (time), and the mask for T_new queries is (T_new, T_past + T_new)."
        )
    if "index out of range" in text:
        return "a position beyond the position table? New tokens sit at positions T_past .. T_past + T_new - 1."
    return torch_hint(exc)


def _close(a, b):
    return a.shape == b.shape and bool(torch.allclose(a, b, **TOL))


def _expect_cache(t, name, cache, length, B, want, prompt_like=None):
    """Layout: one (k, v) per layer, each (B, H, length, DH); contents named against q / input / swapped."""
    if not isinstance(cache, list | tuple) or len(cache) != LAYERS:
        t.fail(
            f"{name}: cache layout",
            "value",
            f"the cache should be a list with one (k, v) pair per layer "
            f"({LAYERS} layers); got {type(cache).__name__}"
            + (f" of length {len(cache)}" if isinstance(cache, list | tuple) else "")
            + ".",
        )
    for i, pair in enumerate(cache):
        if not isinstance(pair, list | tuple) or len(pair) != 2 or not all(isinstance(a, torch.Tensor) for a in pair):
            t.fail(f"{name}: cache layout", "value", f"layer {i}'s cache entry should be a (k, v) pair of tensors.")
        k = pair[0]
        if tuple(k.shape) == (B, length, E):
            t.fail(
                f"{name}: cache layout",
                "value",
                f"layer {i}'s keys are {tuple(k.shape)}, the heads still merged: "
                f"store them after the head split, (B, n_heads, T, head_dim) = {(B, H, length, DH)}; "
                "attn.split(...) does it.",
            )
        if tuple(k.shape) == (B, H, DH, length):
            t.fail(
                f"{name}: cache layout",
                "value",
                "the cached keys are transposed (head_dim before time): keep "
                "(B, n_heads, T, head_dim) and transpose only inside the score product.",
            )
        if k.shape[:2] == (B, H) and k.shape[-1] == DH and k.shape[2] != length:
            grown = k.shape[2]
            message = f"the cache holds {grown} position(s) after {length} tokens. " + (
                "It was not extended: concatenate the new keys and values to the cached ones "
                "(torch.cat along dim=2) and return the longer cache."
                if grown < length
                else "It grows by more than the new tokens: append only the new rows, once."
            )
            t.fail(f"{name}: the cache grows by one position per token", "value", message)
    t.passed(f"{name}: cache layout and length", "value", f"{LAYERS} × (k, v) of {(B, H, length, DH)}")
    for i, ((k, v), (wk, wv, wq, wx)) in enumerate(zip(cache, want, strict=True)):
        if _close(k, wk) and _close(v, wv):
            continue
        if _close(k, wv) and _close(v, wk):
            t.fail(f"{name}: the cache holds keys and values", "value", f"layer {i}: keys and values are swapped.")
        if _close(k, wq):
            t.fail(
                f"{name}: the cache holds keys and values",
                "value",
                f"layer {i}: the cache holds the QUERIES "
                "(q_proj) where the keys belong. Past queries are never needed again — a new token asks its "
                "own question — but every later query is compared with the past KEYS: cache k_proj's output.",
            )
        if _close(k, wx) or _close(v, wx):
            t.fail(
                f"{name}: the cache holds keys and values",
                "value",
                f"layer {i}: the cache holds the layer's "
                "input (ln1's output, split into heads) instead of the projected keys/values; cache k_proj(h) and "
                "v_proj(h) themselves, so nothing has to be projected again.",
            )
        t.fail(
            f"{name}: the cache holds keys and values",
            "value",
            f"layer {i}: the cached tensors are not this "
            "layer's keys and values (k_proj / v_proj of ln1's output, split into heads), for every token so far.",
        )
    t.passed(f"{name}: the cache holds keys and values", "value")


def _expected_cache(model, idx):
    """Per layer (k, v, q, ln1-input) of a full pass, each (B, H, T, DH)."""
    out = []
    x = model.tok_emb(idx) + model.pos_emb(torch.arange(idx.shape[1], device=idx.device))
    for block in model.blocks:
        a = block.attn
        h = block.ln1(x)
        out.append((a.split(a.k_proj(h)), a.split(a.v_proj(h)), a.split(a.q_proj(h)), a.split(h)))
        x = block(x)
    return out


def _call(t, fwc, model, idx, cache, label):
    result = t.call(fwc, model, idx.clone(), cache, step=f"{label} runs", hint=_hint)
    if not isinstance(result, tuple | list) or len(result) != 2:
        t.fail(
            f"{label} returns (logits, cache)",
            "run",
            f"forward_with_cache returned {type(result).__name__}; "
            "return a pair: the logits of the new tokens (B, T_new, V) and the new cache.",
        )
    logits, new_cache = result
    t.expect_array(f"{label}: logits", logits, shape=(idx.shape[0], idx.shape[1], V), tensor=True, device=t.device)
    return logits, new_cache


def _step_checks(t, fwc, model, g):
    B = 2
    prompt = torch.randint(0, V, (B, 5), generator=g).to(t.device)
    nxt = torch.randint(0, V, (B, 1), generator=g).to(t.device)
    chunk = torch.randint(0, V, (B, 3), generator=g).to(t.device)
    seq6, seq9 = torch.cat([prompt, nxt], 1), torch.cat([prompt, nxt, chunk], 1)
    full9 = model(seq9)

    logits, cache = _call(t, fwc, model, prompt, None, "prefill: forward_with_cache(model, prompt (2, 5), None)")
    t.expect_close(
        "prefill: logits equal the full forward's",
        logits,
        full9[:, :5],
        tensor=True,
        **TOL,
        mistakes={
            "the prompt was processed without the causal mask: with no cache, row i may see keys 0..i only.": cached_forward(
                model, prompt, None, mask="none"
            )[0],
            "the scores are not divided by sqrt(head_dim), as the model's own attention does.": cached_forward(
                model, prompt, None, scale=False
            )[0],
            f"the scores are divided by sqrt(d_model) = sqrt({E}); each head divides by sqrt(head_dim) = "
            f"sqrt({DH}), as the model's own attention does.": cached_forward(model, prompt, None, scale="d_model")[0],
        },
    )
    _expect_cache(t, "prefill", cache, 5, B, _expected_cache(model, prompt))

    right5 = cached_forward(model, prompt)[1]
    logits, cache = _call(t, fwc, model, nxt, cache, "one token: forward_with_cache(model, next (2, 1), cache)")
    t.expect_close(
        "one token: logits equal the full forward's last row",
        logits,
        full9[:, 5:6],
        tensor=True,
        **TOL,
        mistakes={
            "the new token got position 0's embedding: it sits at position T_past (= the cache's length), so use "
            "pos_emb(torch.arange(T_past, T_past + T_new)).": cached_forward(model, nxt, right5, positions="zero")[0],
            POSITIONS_PLUS_ONE: cached_forward(model, nxt, right5, positions="plus_one")[0],
            "the new token attended only to itself: the cache was written but not read. Concatenate the cached keys "
            "and values with the new ones BEFORE computing the scores.": cached_forward(
                model, nxt, right5, attend="new"
            )[0],
            "the causal mask is aligned to the top-left corner (what is_causal=True gives when there are more keys than "
            "queries), so the new token saw only the FIRST key. A new token may see every cached key and itself: the "
            "mask is torch.ones(T_new, T_past + T_new).tril(diagonal=T_past) — for one token, no mask at all.": cached_forward(
                model, nxt, right5, mask="topleft"
            )[0],
        },
    )
    _expect_cache(t, "one token", cache, 6, B, _expected_cache(model, seq6))

    right6 = cached_forward(model, seq6)[1]
    logits, cache = _call(t, fwc, model, chunk, cache, "a chunk of 3 after the cache")
    t.expect_close(
        "a chunk of 3 after 6 cached tokens: logits equal the full forward's",
        logits,
        full9[:, 6:9],
        tensor=True,
        **TOL,
        mistakes={
            "the causal mask is aligned to the top-left corner (what is_causal=True / tril() of a (T_new, T_total) "
            "matrix gives): new row i must see ALL cached keys plus new keys 0..i — shift the triangle right by "
            "T_past: torch.ones(T_new, T_past + T_new).tril(diagonal=T_past).": cached_forward(
                model, chunk, right6, mask="topleft"
            )[0],
            "the chunk was processed without a causal mask: with several new tokens, new row i must not see new "
            "tokens after i.": cached_forward(model, chunk, right6, mask="none")[0],
            "the new tokens got positions 0, 1, 2: they sit at T_past, T_past + 1, ... "
            "(pos_emb(torch.arange(T_past, T_past + T_new))).": cached_forward(model, chunk, right6, positions="zero")[
                0
            ],
            POSITIONS_PLUS_ONE: cached_forward(model, chunk, right6, positions="plus_one")[0],
        },
    )
    _expect_cache(t, "a chunk of 3", cache, 9, B, _expected_cache(model, seq9))


class RowCounter:
    """Counts the token rows that pass through every layer's k_proj and v_proj."""

    def __init__(self, model):
        self.rows = 0
        self.handles = [
            layer.register_forward_hook(self.hook)
            for block in model.blocks
            for layer in (block.attn.k_proj, block.attn.v_proj)
        ]

    def hook(self, module, inputs, output):
        self.rows += inputs[0].numel() // module.in_features

    def remove(self):
        for h in self.handles:
            h.remove()


def _generate_checks(t, gen_fn, model, g):
    B, T0, n_new = 2, 4, 12
    prompt = torch.randint(0, V, (B, T0), generator=g).to(t.device)
    want_tokens, want_logits = greedy_full(model, prompt, n_new)
    counter = RowCounter(model)
    try:
        result = t.call(
            gen_fn,
            model,
            prompt.clone(),
            n_new,
            step=f"generate(model, prompt (2, {T0}), {n_new}) runs",
            hint=_hint,
            budget_s=30,
        )
    finally:
        counter.remove()
    if not isinstance(result, tuple | list) or len(result) != 2:
        t.fail(
            "generate returns (tokens, logits)",
            "run",
            f"generate returned {type(result).__name__}; return (tokens (B, T0 + n_new), logits (B, n_new, V)).",
        )
    tokens, logits = result
    t.expect_array(
        "generate: tokens",
        tokens,
        shape=(B, T0 + n_new),
        tensor=True,
        device=t.device,
        dtype_kind="i",
        mistakes={(B, n_new): "only the new tokens came back; return the prompt followed by them."},
    )
    t.expect_array("generate: logits", logits, shape=(B, n_new, V), tensor=True, device=t.device)
    if not torch.equal(tokens.long(), want_tokens):
        doubled, _ = greedy_full(model, torch.cat([prompt, prompt[:, -1:]], 1), n_new)
        if torch.equal(tokens.long()[:, T0:], doubled[:, T0 + 1 :]):
            t.fail(
                "generate: the same greedy tokens as full recomputation",
                "value",
                "the prompt's last token was fed twice: the prefill's logits at the last prompt position already "
                "predict the first new token — take its argmax, then feed only tokens you generated.",
            )
        first = int((tokens.long() != want_tokens).any(0).nonzero()[0])
        t.fail(
            "generate: the same greedy tokens as full recomputation",
            "value",
            f"the tokens differ from greedy decoding by full recomputation from position {first} on "
            f"(got {tokens[0].tolist()}, expected {want_tokens[0].tolist()}). Each new token is the argmax of "
            "the last position's logits; feed it (alone) with the cache to get the next logits.",
        )
    t.passed("generate: the same greedy tokens as full recomputation", "value")
    if n_new > 1 and _close(logits[:, :-1].double(), want_logits[:, 1:]):
        t.fail(
            "generate: the same logits as full recomputation",
            "value",
            "the tokens are right, but generate's returned logits are one step late: entry i must be the logits "
            "new token i was CHOSEN from (the argmax taken before feeding it), yet you kept the logits computed "
            "after feeding it, which already predict token i + 1. Store the logits before the forward call.",
        )
    t.expect_close("generate: the same logits as full recomputation", logits, want_logits, tensor=True, **TOL)

    per_token = LAYERS * 2 * B  # k_proj and v_proj of every layer, every sequence
    cached_rows = (T0 + n_new) * per_token
    full_rows = sum(range(T0, T0 + n_new)) * per_token
    if counter.rows > cached_rows:
        t.fail(
            "generate: each token passes through k_proj/v_proj once",
            "value",
            f"k_proj and v_proj saw {counter.rows // per_token} token rows per sequence and layer for a "
            f"{T0}-token prompt and {n_new} new tokens; a cache needs at most {T0 + n_new} (each token once), "
            f"full recomputation needs {full_rows // per_token}. The values are right, but the prefix is "
            "recomputed: after the prefill, feed ONLY the newest token, with the cache.",
            rows=counter.rows,
            cached=cached_rows,
            full=full_rows,
        )
    if counter.rows == 0:
        t.fail(
            "generate: each token passes through k_proj/v_proj once",
            "value",
            "k_proj and v_proj of the model passed to generate were never called: generate with the model it is given.",
        )
    t.passed(
        "generate: each token passes through k_proj/v_proj once",
        "value",
        f"{counter.rows // per_token} rows per sequence and layer (full recomputation: {full_rows // per_token})",
    )
    return prompt


def _speed_note(t, gen_fn, model):
    """Display only: wall time of full recomputation vs the learner's generate on a longer run."""
    prompt = torch.zeros((1, 1), dtype=torch.long, device=t.device)
    n = BLOCK - 1

    def timed(fn):
        start = time.perf_counter()
        fn()
        if t.on_gpu:
            torch.cuda.synchronize()
        return time.perf_counter() - start

    try:
        full = timed(lambda: greedy_full(model, prompt, n))
        cached = timed(lambda: gen_fn(model, prompt.clone(), n))
    except Exception:  # noqa: BLE001 - display only; generate was judged above
        return
    t.note(
        f"wall clock for {n} tokens: full recomputation {full * 1e3:.0f} ms, your cache {cached * 1e3:.0f} ms "
        f"(×{full / max(cached, 1e-9):.1f}; a tiny model on a shared CPU — timings vary, the row count above is "
        "what is judged)"
    )


def check(t: Checker) -> None:
    single_thread_on_cpu(t)
    fwc = t.function("forward_with_cache")
    gen_fn = t.function("generate")
    model = build(t.seed, t.device, vocab_size=V, block_size=BLOCK, d_model=E, n_heads=H, n_layers=LAYERS)
    g = torch_generator(t, 1)
    with torch.no_grad():
        with t.part("forward_with_cache"):
            _step_checks(t, fwc, model, g)
        with t.part("generate"):
            _generate_checks(t, gen_fn, model, g)
            _speed_note(t, gen_fn, model)
