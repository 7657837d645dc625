"""Checker: a character-level GPT, its batches, its training loop and its sampler.

Order: get_batch (windows, shift by one, the last valid start, the generator); the model's logits
shape; that they are logits, not probabilities; the loss at initialisation against ln V; causality
(changing later tokens leaves earlier logits alone); a position probe (a run of one repeated token
gives the same logits everywhere only if the model cannot tell positions apart); pre-norm blocks
(norm_first, or no LayerNorm reading another's output); the training loop (one Adam(W) step per step,
float losses, the first loss equal to the mean next-token cross-entropy, mispaired losses named); overfitting one window; then a full
training run, streamed, whose held-out loss must beat a count-based bigram model computed here.
Sampling is checked in its own part on a table model built here (logits = a fixed row per last
token), so its verdict does not depend on the learner's model: greedy chains for temperature 0,
tiny temperatures and top_k=1, context cropping, the support of top-k, and the distribution at two
temperatures against the right one and the usual wrong ones.
"""

import copy
import math

import _char_corpus as corpus
import torch
import torch.nn.functional as F
from torch import nn

from tutor.checks import Checker
from tutor.checks.training import (
    expect_gradients_cleared,
    single_thread_on_cpu,
    stream_fit,
    torch_generator,
    torch_hint,
)

BLOCK, D_MODEL, LAYERS, HEADS = 32, 32, 2, 4
STEPS, BATCH, LR = 150, 32, 1e-2
# Held-out loss after 150 AdamW steps of 32 windows at lr 1e-2 (bigram model: 1.37-1.40, ln V = 2.30,
# best possible 0.73): the reference 0.83-0.87 (seeds 1-5, 1234, 31337; worst 0.873, target >= 1.22),
# right/encoder_layer 0.88-0.95, right/own_attention (GPT-2's 0.02 init, slower to start) 1.00-1.12.
# At 80 steps the last one ended at 1.29-1.39, so fewer steps would fail reasonable inits.
MARGIN = 0.15
OVERFIT_STEPS, OVERFIT_TARGET = 60, 0.35  # reference: ~0.001 after 60 steps (seeds 1, 2, 7); right variants pass too


def _shape_mistakes(B, T, V, E):
    return {
        (B, T, E): "these are the hidden states: the LM head (nn.Linear(d_model, vocab_size)) is missing.",
        (B, V): "only the last position's logits came back; forward returns logits for EVERY position, "
        "(B, T, V) — sample() picks the last one itself.",
        (B * T, V): "the logits were flattened to (B*T, V); flatten only inside the loss, forward returns (B, T, V).",
        (T, B, V): "the batch and time axes are swapped (seq-first layout): use batch_first=True / (B, T, ...).",
    }


def _check_get_batch(t, get_batch):
    data = torch.arange(200)
    gen = torch_generator(t, 1)
    x, y = t.call(get_batch, data, 8, 5, gen, step="get_batch(arange(200), 8, 5, generator) runs", hint=torch_hint)
    t.expect_shape(
        "get_batch: x shape",
        x,
        (5, 8),
        tensor=True,
        mistakes={(5, 9): "x has block_size + 1 tokens; x = data[s:s+block_size], y = data[s+1:s+block_size+1]."},
    )
    t.expect_shape("get_batch: y shape", y, (5, 8), tensor=True)
    t.expect(
        "get_batch: windows are contiguous slices of data",
        bool(((x[:, 1:] - x[:, :-1]) == 1).all()),
        "every row of x must be a run of consecutive tokens data[s:s+block_size], one random start s per row.",
    )
    if bool((y == x).all()):
        t.fail(
            "get_batch: y is x shifted one ahead",
            "value",
            "y equals x: the targets are the inputs themselves, so "
            "the model learns to copy. The target at position t is the NEXT token: y = data[s+1:s+block_size+1].",
        )
    t.expect(
        "get_batch: y is x shifted one ahead",
        bool((y == x + 1).all()),
        "y must be x shifted one token ahead: y[:, t] is the token after x[:, t] (y = data[s+1:s+block_size+1]).",
    )
    tight = torch.arange(9)  # exactly one window of 8 + its target fits
    x1, _ = t.call(
        get_batch,
        tight,
        8,
        3,
        torch_generator(t, 2),
        step="get_batch on data of length block_size + 1",
        hint="torch.randint(high, ...) draws from 0..high-1; with len(data) = block_size + 1 the only "
        "start is 0, so high = len(data) - block_size.",
    )
    t.expect(
        "get_batch: the last window is reachable",
        bool((x1[:, 0] == 0).all()),
        "with len(data) = block_size + 1 the only valid start is 0.",
    )
    starts = set()
    for k in range(4):
        xs, _ = t.call(get_batch, torch.arange(11), 8, 16, torch_generator(t, 10 + k), step="get_batch runs")
        starts |= set(int(s) for s in xs[:, 0])
    t.expect(
        "get_batch: every start 0..len(data)-block_size-1 can be drawn",
        starts == {0, 1, 2},
        f"with len(data) = 11 and block_size = 8 the starts are 0, 1 and 2; 64 draws gave {sorted(starts)}: "
        "torch.randint(len(data) - block_size, ...) draws exactly those.",
    )
    a, _ = t.call(get_batch, data, 8, 5, torch_generator(t, 3), step="get_batch runs")
    torch.manual_seed(t.seed + 999)
    b, _ = t.call(get_batch, data, 8, 5, torch_generator(t, 3), step="get_batch runs")
    t.expect(
        "get_batch: draws with the generator it is given",
        torch.equal(a, b),
        "two calls with equally seeded generators gave different batches: pass generator=generator to torch.randint.",
    )


def _build(t, TinyGPT, V, seed):
    torch.manual_seed(seed)
    model = t.call(
        TinyGPT,
        V,
        BLOCK,
        D_MODEL,
        HEADS,
        LAYERS,
        step=f"TinyGPT({V}, {BLOCK}, d_model={D_MODEL}, n_heads={HEADS}, n_layers={LAYERS}) builds",
    )
    if not isinstance(model, nn.Module):
        t.fail(
            "TinyGPT is an nn.Module", "run", f"TinyGPT(...) gave a {type(model).__name__}; subclass torch.nn.Module."
        )
    if getattr(model, "block_size", None) != BLOCK:
        t.fail(
            "TinyGPT keeps block_size",
            "run",
            f"set self.block_size = block_size (got "
            f"{getattr(model, 'block_size', None)!r}); sample() crops its context to it.",
        )
    n_params = sum(p.numel() for p in model.parameters())
    if n_params > 200_000:
        t.fail(
            "TinyGPT is tiny",
            "run",
            f"{n_params} parameters for d_model={D_MODEL}, 2 layers; about 30k are "
            "expected (d_ff = 4·d_model). Use the constructor's sizes, the check trains within seconds.",
        )
    return model.to(t.device)


def _forward_checks(t, model, held, V):
    model.eval()
    x = held[: 4 * BLOCK].view(4, BLOCK)
    with torch.no_grad():
        logits = t.call(model, x.clone(), step="forward on (4, 32) token ids runs", hint=torch_hint)
        t.expect_shape(
            "logits shape (B, T, V)", logits, (4, BLOCK, V), tensor=True, mistakes=_shape_mistakes(4, BLOCK, V, D_MODEL)
        )
        t.expect("logits are floats", logits.is_floating_point(), f"logits have dtype {logits.dtype}.")
        short = t.call(
            model,
            x[:2, :5].clone(),
            step="forward on a shorter sequence (2, 5) runs",
            hint=lambda e: (
                "the model must accept any T <= block_size (sampling starts from a short prompt): take T from "
                "idx.shape[1] and use the first T position embeddings / a (T, T) mask."
                if "size" in str(e)
                else torch_hint(e)
            ),
        )
        t.expect_shape("logits of a (2, 5) input", short, (2, 5, V), tensor=True)
        probs_like = bool(
            (logits >= 0).all()
            and (logits <= 1).all()
            and torch.allclose(logits.sum(-1), torch.ones_like(logits[..., 0]), atol=1e-4)
        )
        if probs_like:
            t.fail(
                "forward returns logits",
                "value",
                "forward returns probabilities (rows sum to 1): return the raw "
                "logits from the head. F.cross_entropy applies log-softmax itself, and a softmax before it squashes "
                "the loss towards ln V forever.",
            )
        t.passed("forward returns logits", "value")
        if not bool(torch.isfinite(logits).all()):
            t.fail(
                "logits are finite",
                "value",
                "the logits contain NaN/inf. With nn.TransformerEncoderLayer a BOOLEAN "
                "mask means True = NOT allowed: pass torch.ones(T, T).triu(1).bool() (or "
                "nn.Transformer.generate_square_subsequent_mask(T)); a tril mask blocks the last position "
                "from every key, and its softmax is NaN.",
            )
        loss = float(F.cross_entropy(logits.reshape(-1, V), held[1 : 4 * BLOCK + 1].reshape(-1)))
        lnv = math.log(V)
        if loss > lnv + 0.6:
            t.fail(
                "initial loss ≈ ln V",
                "value",
                f"the untrained model's loss is {loss:.3g}, far above ln V = {lnv:.3g}: it is confidently wrong "
                "before training. Its logits are too large — a head initialised with a large std, embeddings "
                "fed to the head without the final LayerNorm, or logits multiplied up. At init every character "
                "should be about equally likely (small logits).",
                loss=loss,
                ln_v=lnv,
            )
        t.passed("initial loss ≈ ln V", "value", f"{loss:.3f} (ln V = {lnv:.3f})")

    def causal_problem(_):
        pos = int(torch.randint(0, BLOCK - 1, (1,), generator=gen))
        x2 = x.clone()
        x2[:, pos + 1 :] = (
            x2[:, pos + 1 :] + torch.randint(1, V, x2[:, pos + 1 :].shape, generator=gen).to(t.device)
        ) % V
        with torch.no_grad():
            a, b = model(x.clone())[:, : pos + 1], model(x2)[:, : pos + 1]
        if not torch.allclose(a, b, rtol=1e-4, atol=1e-5):
            return (
                f"changing the tokens after position {pos} changed the logits at positions 0..{pos}: the model "
                "sees the future (a missing or wrong causal mask), so it can 'predict' the next token by reading it. "
                "Mask every key later than the query; for nn.TransformerEncoderLayer pass mask=torch.ones(T, T, "
                "dtype=torch.bool).triu(1) (True = blocked) — a causal mask given to the encoder layer as "
                "is_causal=True alone is only a hint, it needs the mask too."
            )
        return None

    gen = torch_generator(t, 5)
    t.expect_property("causal: later tokens never change earlier logits", causal_problem, lambda r: None, trials=4)
    with torch.no_grad():
        same = model(torch.full((1, BLOCK), 3, dtype=torch.long, device=t.device))
    t.expect(
        "the model knows positions",
        not torch.allclose(same[0, 0], same[0, -1], atol=1e-5),
        "on a run of one repeated token every position got the same logits: the model cannot tell positions "
        "apart. Add a learned position embedding, tok_emb(idx) + pos_emb(torch.arange(T)), before the blocks.",
    )
    _expect_pre_norm(t, model, x[:2])


POST_NORM = (
    "your blocks are POST-norm: the LayerNorm comes after the residual sum, x = norm(x + attn(x)), as in the "
    "2017 Transformer. The task asks for PRE-norm blocks, as GPT-2: x = x + attn(ln1(x)); x = x + mlp(ln2(x)), "
    "so the residual stream itself is never normalised and the final LayerNorm does that once."
)


def _leaf_norms(model):
    """The normalisation modules (nn.LayerNorm, nn.RMSNorm, or a learner's own class named ...Norm)."""
    norms = [m for m in model.modules() if m is not model and type(m).__name__.lower().endswith("norm")]
    return [m for m in norms if not any(c is not m and c in norms for c in m.modules())]


def _expect_pre_norm(t, model, x):
    """Blocks are pre-norm: nn.TransformerEncoderLayer(norm_first=True), or, for hand-written blocks,
    no LayerNorm is fed another LayerNorm's output (a post-norm block ends in its norm, which the next
    norm then reads: ln_f reads the last block's norm2 output). Silent when no norm module is found."""
    for layer in model.modules():
        if isinstance(layer, nn.TransformerEncoderLayer) and not layer.norm_first:
            t.fail("blocks are pre-norm", "value", POST_NORM + " Build the layer with norm_first=True.")
    calls = []

    def record(module, inputs, output):
        if inputs and torch.is_tensor(inputs[0]) and torch.is_tensor(output):
            calls.append((inputs[0].detach(), output.detach()))

    hooks = [m.register_forward_hook(record) for m in _leaf_norms(model)]
    try:
        with torch.enable_grad():  # with gradients on, nn.TransformerEncoderLayer skips its fused fast path
            model(x.clone())
    finally:
        for h in hooks:
            h.remove()
    for i, (fed, _) in enumerate(calls):
        if any(out.shape == fed.shape and torch.equal(out, fed) for _, out in calls[:i]):
            t.fail("blocks are pre-norm", "value", POST_NORM)
    t.passed("blocks are pre-norm", "value")


def _train_run_checks(t, train, TinyGPT, V):
    """A 2-step run on one window: the returned losses, the optimizer steps, the loss being a mean cross-entropy.

    With data of length block_size + 1 every batch row is the same window, so the gradient the
    optimizer sees at each step can be recomputed here, whatever way the learner draws batches.
    """
    from torch.optim.optimizer import register_optimizer_step_post_hook, register_optimizer_step_pre_hook

    steps_seen, records, optimizers = [], [], []
    model = _build(t, TinyGPT, V, t.seed + 1)
    initial = copy.deepcopy(model)
    params = list(model.parameters())

    def before_step(optimizer, *_):
        optimizers.append(type(optimizer))
        records.append(
            (
                [p.detach().clone() for p in params],
                [None if p.grad is None else p.grad.detach().clone() for p in params],
            )
        )

    handles = [
        register_optimizer_step_post_hook(lambda *a: steps_seen.append(1)),
        register_optimizer_step_pre_hook(before_step),
    ]
    window = torch.randint(0, V, (BLOCK + 1,), generator=torch_generator(t, 6)).to(t.device)
    try:
        losses = t.call(
            train,
            model,
            window,
            2,
            4,
            LR,
            torch_generator(t, 6),
            step="train(model, data, 2, ...) runs",
            hint=lambda e: (
                "F.cross_entropy wants (N, V) logits and (N,) targets: flatten with "
                "logits.reshape(-1, V) and y.reshape(-1)."
                if "size" in str(e) or "Expected" in str(e)
                else torch_hint(e)
            ),
            budget_s=30,
        )
    finally:
        for h in handles:
            h.remove()
    if not isinstance(losses, list | tuple) or len(losses) != 2:
        t.fail(
            "train returns one loss per step",
            "run",
            f"train(..., steps=2) returned {losses!r:.80}; return a list "
            "with one float per step (losses.append(loss.item())).",
        )
    if not all(isinstance(v, float | int) for v in losses):
        t.fail(
            "train returns one loss per step",
            "run",
            "return plain floats (loss.item()), not tensors: a tensor keeps its whole graph alive.",
        )
    t.passed("train returns one loss per step", "run")
    if len(steps_seen) != 2:
        t.fail(
            "one optimizer step per step",
            "run",
            f"train(..., steps=2) made {len(steps_seen)} optimizer steps; "
            "make exactly one per step: zero_grad, loss.backward(), optimizer.step().",
        )
    t.passed("one optimizer step per step", "run")
    if not issubclass(optimizers[0], torch.optim.Adam):
        t.fail(
            "train steps AdamW (or Adam)",
            "run",
            f"train stepped a torch.optim.{optimizers[0].__name__}; the task asks for AdamW: "
            "torch.optim.AdamW(model.parameters(), lr=lr). With a plain gradient step every parameter moves by "
            "lr times its raw gradient, far too slowly here; Adam scales each step by the gradient's running size.",
        )
    t.passed("train steps AdamW (or Adam)", "run")
    first = float(losses[0])
    lnv = math.log(V)
    if first > 20 * lnv:
        t.fail(
            "train's loss is the mean cross-entropy",
            "value",
            f"the first loss is {first:.4g}, about B·T times "
            f"ln V = {lnv:.3g}: the loss is summed over tokens (reduction='sum'); use the mean, so the learning "
            "rate means the same for any batch size.",
        )
    _expect_first_loss(t, initial, window, first, V)
    t.passed("train's loss is the mean cross-entropy", "value")
    _zero_grad_probe(t, model, records, window, V)


def _expect_first_loss(t, initial, window, first, V):
    """train's first loss is the mean next-token cross-entropy of the untrained model on its batch.

    Every batch row is the one window, so the loss is known whatever rows were drawn; the usual ways of
    pairing logits with the wrong targets give other numbers, computed here and named. Skipped for
    models with dropout (their loss is random).
    """
    if any(isinstance(m, nn.Dropout) and m.p > 0 for m in initial.modules()):
        return
    x, y = window[:-1].expand(4, -1), window[1:].expand(4, -1)
    initial.train()
    with torch.no_grad():
        logits = initial(x.clone())
    right = float(F.cross_entropy(logits.reshape(-1, V), y.reshape(-1)))
    wrong = {
        "your loss pairs each logit with another position's target: the logits were flattened time-major "
        "(logits.transpose(0, 1).reshape(-1, V)) while y was flattened batch-major. Flatten both the same "
        "way: F.cross_entropy(logits.reshape(-1, V), y.reshape(-1)).": F.cross_entropy(
            logits.transpose(0, 1).reshape(-1, V), y.reshape(-1)
        ),
        "your loss covers only the LAST position of each window (logits[:, -1] against y[:, -1]); a GPT learns "
        "from every position at once: the mean cross-entropy over all B·T of them, "
        "F.cross_entropy(logits.reshape(-1, V), y.reshape(-1)).": F.cross_entropy(logits[:, -1], y[:, -1]),
    }
    tol = 2e-2 if t.on_gpu else 1e-3
    if abs(first - right) <= tol * max(1.0, right):
        return
    for message, value in wrong.items():
        if abs(first - float(value)) <= tol * max(1.0, float(value)):
            t.fail("train's loss is the mean cross-entropy", "value", message, got=first, expected=right)
    t.fail(
        "train's loss is the mean cross-entropy",
        "value",
        f"train's first loss is {first:.4g}, but the untrained model's mean next-token cross-entropy on that "
        f"batch is {right:.4g}: compute F.cross_entropy(logits.reshape(-1, V), y.reshape(-1)) on the model's "
        "logits for x and get_batch's y, and append loss.item() before stepping.",
        got=first,
        expected=right,
    )


def _zero_grad_probe(t, model, records, window, V):
    """Name a missing zero_grad: the .grad at step 2 is step 2's gradient PLUS step 1's.

    Only a diagnosis: skipped for models with dropout (their gradients are random), and silent when
    the .grad is something else (gradient clipping, for one, is allowed).
    """
    if len(records) < 2 or any(isinstance(m, nn.Dropout) and m.p > 0 for m in model.modules()):
        return
    (_, grads1), (params2, grads2) = records[0], records[1]
    if any(g is None for g in grads1 + grads2):
        return
    probe = copy.deepcopy(model)
    with torch.no_grad():
        for p, value in zip(probe.parameters(), params2, strict=True):
            p.copy_(value)
    probe.zero_grad(set_to_none=True)
    logits = probe(window[:-1].unsqueeze(0))
    F.cross_entropy(logits.reshape(-1, V), window[1:]).backward()
    expect_gradients_cleared(
        t,
        previous=torch.cat([g.reshape(-1) for g in grads1]),
        got=torch.cat([g.reshape(-1) for g in grads2]),
        fresh=torch.cat([p.grad.reshape(-1) for p in probe.parameters()]),
    )


def _held_loss(model, held_windows, V):
    x, y = held_windows
    with torch.no_grad():
        return float(F.cross_entropy(model(x).reshape(-1, V), y.reshape(-1)))


def _windows(ids, n, device):
    starts = torch.linspace(0, len(ids) - BLOCK - 2, n).long().tolist()
    x = torch.stack([ids[s : s + BLOCK] for s in starts]).to(device)
    y = torch.stack([ids[s + 1 : s + BLOCK + 1] for s in starts]).to(device)
    return x, y


def _fit_checks(t, train, TinyGPT, V, train_ids, held_ids):
    # Overfit one window: data of length block_size + 1 holds exactly one (x, y) pair.
    one = torch.randint(0, V, (BLOCK + 1,), generator=torch_generator(t, 8)).to(t.device)
    model = _build(t, TinyGPT, V, t.seed + 2)
    window = (one[:-1].unsqueeze(0), one[1:].unsqueeze(0))

    def judged():
        loss = _eval_loss(model, window, V)
        copy = _eval_loss(model, (window[0], window[0]), V)
        if loss > OVERFIT_TARGET and copy < 0.5:
            t.fail(
                "overfits one window (32 random tokens)",
                "convergence",
                f"the model learned to predict the CURRENT token (loss {copy:.2f} against the inputs, "
                f"{loss:.2f} against the next tokens): train's targets are not shifted. The target at position "
                "t is the token at t + 1 (use get_batch's y).",
            )
        return loss

    with stream_fit(
        t,
        lambda: train(model, one, OVERFIT_STEPS, 4, LR, torch_generator(t, 9)),
        lambda: _eval_loss(model, window, V),
        name="overfit one window",
        epochs=OVERFIT_STEPS,
    ) as stream:
        t.converge(
            "overfits one window (32 random tokens)",
            stream.next,
            steps=OVERFIT_STEPS,
            target=OVERFIT_TARGET,
            goal="below",
            final=judged,
            budget_s=20,
        )
    # Now the real run on the corpus, streamed against the bigram model's held-out loss.
    bigram = corpus.bigram_loss(train_ids.tolist(), held_ids.tolist(), V)
    held = _windows(held_ids, 64, t.device)  # judged
    shown = _windows(held_ids, 16, t.device)  # streamed after every step: cheaper
    target = bigram - MARGIN
    model = _build(t, TinyGPT, V, t.seed + 3)
    data = train_ids.to(t.device)
    t.note(f"bigram baseline on held-out text: {bigram:.3f} nats/char; ln V = {math.log(V):.3f}; best possible ≈ 0.73")
    with stream_fit(
        t,
        lambda: train(model, data, STEPS, BATCH, LR, torch_generator(t, 4)),
        lambda: _eval_loss(model, shown, V),
        name="training",
        epochs=STEPS,
    ) as stream:
        t.converge(
            f"held-out loss beats the bigram model ({bigram:.2f}) by {MARGIN}",
            stream.next,
            steps=STEPS,
            target=target,
            goal="below",
            final=lambda: _eval_loss(model, held, V),
            budget_s=80,
        )
    return model


def _eval_loss(model, windows, V):
    was = model.training
    model.eval()
    try:
        return _held_loss(model, windows, V)
    finally:
        model.train(was)


# ---- sampling, on a model whose next-token distribution the checker knows -------------------------
class TableModel(nn.Module):
    """logits[b, t] = table[idx[b, t]]: the next token depends only on the current one."""

    def __init__(self, table, block_size):
        super().__init__()
        self.table = nn.Parameter(table, requires_grad=False)
        self.block_size = block_size

    def forward(self, idx):
        if idx.shape[1] > self.block_size:
            raise ValueError(
                f"this model takes at most block_size = {self.block_size} positions, got {idx.shape[1]}: "
                "crop the context to idx[:, -model.block_size:] before each forward"
            )
        return self.table[idx]


def _chain(table, start, n, *, pick_first=False, prompt=None, block_size=6):
    """The greedy continuation (argmax of the last position, or of position 0 with pick_first)."""
    seq = list(prompt) if prompt is not None else [start]
    for _ in range(n):
        first_seen = seq[max(0, len(seq) - block_size)]  # position 0 of the cropped context
        seq.append(int(table[first_seen if pick_first else seq[-1]].argmax()))
    return seq


def _distribution(logits, temperature, top_k):
    z = logits / temperature
    if top_k is not None:
        kth = torch.topk(z, top_k).values[-1]
        z = z.masked_fill(z < kth, float("-inf"))
    return torch.softmax(z, -1)


def _sampling_checks(t, sample):
    V, block = 9, 6
    gen = torch_generator(t, 20)
    # distinct logits 0.6 apart, in a random order per row, so every argmax and top-k set is clear-cut
    steps = torch.arange(V, dtype=torch.float32) * 0.6 - 2.4
    table = torch.stack([steps[torch.randperm(V, generator=gen)] for _ in range(V)])
    # move each row's maximum so that greedy decoding walks one cycle through all V tokens
    cycle = torch.randperm(V, generator=gen).tolist()
    for j, token in enumerate(cycle):
        best, succ = int(table[token].argmax()), cycle[(j + 1) % V]
        table[token, best], table[token, succ] = table[token, succ].clone(), table[token, best].clone()
    table = table.to(t.device)
    model = TableModel(table, block).to(t.device)
    model.eval()
    prompt = [1, 4, 2]
    want = _chain(table.cpu(), None, 10, prompt=prompt, block_size=block)
    first_pos = _chain(table.cpu(), None, 10, pick_first=True, prompt=prompt, block_size=block)
    idx = torch.tensor([prompt], device=t.device)

    def dev_gen(offset):
        g = torch.Generator(device=t.device)
        g.manual_seed(t.seed * 31 + offset)
        return g

    def run(label, **kw):
        def hint(e):
            if kw.get("temperature") == 0 and ("inf" in str(e) or "nan" in str(e)):
                return (
                    "temperature == 0 means greedy: take logits.argmax(-1, keepdim=True) instead of dividing "
                    "by zero (logits / 0 is ±inf, and its softmax is NaN)."
                )
            return torch_hint(e)

        out = t.call(
            sample, model, idx.clone(), 10, generator=dev_gen(1), step=f"sample(..., {label}) runs", hint=hint, **kw
        )
        return out

    out = run("temperature=0", temperature=0)
    t.expect_shape(
        "sample returns (B, T0 + n_new)",
        out,
        (1, 13),
        tensor=True,
        mistakes={(1, 10): "only the new tokens came back; return the prompt followed by them (torch.cat)."},
    )
    if out.dtype != torch.long:
        t.fail("sample returns token ids", "value", f"got dtype {out.dtype}; the ids must stay int64 (torch.long).")
    got = out[0].tolist()
    if got[:3] != prompt:
        t.fail("sample keeps the prompt", "value", f"the first 3 tokens are {got[:3]}, the prompt was {prompt}.")
    if got == first_pos:
        t.fail(
            "temperature=0 is greedy",
            "value",
            "you picked the next token from position 0's logits; the next token "
            "comes from the LAST position: logits[:, -1, :].",
        )
    t.expect(
        "temperature=0 is greedy",
        got == want,
        f"with temperature=0 every new token is the argmax of the last "
        f"position's logits: expected {want}, got {got}. (The table model's context is only "
        f"{block} tokens: crop to idx[:, -model.block_size:].)",
    )

    N = 4000
    start = 5
    row = table[start].cpu()
    probe = torch.full((N, 1), start, device=t.device)
    for temperature, top_k in ((2.0, None), (0.5, 4), (1.0, 3)):
        label = f"temperature={temperature}, top_k={top_k}"
        out = t.call(
            sample,
            model,
            probe.clone(),
            1,
            temperature=temperature,
            top_k=top_k,
            generator=dev_gen(2),
            step=f"sample of {N} rows, {label}, runs",
            hint=torch_hint,
            budget_s=20,
        )
        t.expect_shape(f"{label}: shape", out, (N, 2), tensor=True)
        drawn = out[:, 1].cpu()
        if top_k is not None:
            allowed = set(torch.topk(row, top_k).indices.tolist())
            outside = sorted(set(drawn.tolist()) - allowed)
            smallest = set(torch.topk(-row, top_k).indices.tolist())
            if set(drawn.tolist()) <= smallest:
                t.fail(
                    f"{label}: only the top {top_k} tokens",
                    "value",
                    f"you kept the {top_k} SMALLEST logits: keep "
                    "the largest (torch.topk(logits, k) returns them, largest first).",
                )
            t.expect(
                f"{label}: only the top {top_k} tokens",
                not outside,
                f"tokens {outside} were drawn, which are not "
                f"among the {top_k} largest logits: set every logit below the k-th largest to -inf before the "
                "softmax.",
            )
        freq = torch.bincount(drawn, minlength=V).double() / N

        def tv(p, freq=freq):
            return float((freq - p.double()).abs().sum() / 2)

        right = _distribution(row, temperature, top_k)
        wrong = {
            "temperature had no effect: divide the LOGITS by the temperature before the softmax. Dividing the "
            "probabilities does nothing, torch.multinomial renormalises them.": _distribution(row, 1.0, top_k),
            "the temperature multiplied the logits; divide them: logits / temperature (a high temperature flattens "
            "the distribution).": _distribution(row * temperature * temperature, temperature, top_k),
        }
        err = tv(right)
        if err > 0.05:
            for message, p in wrong.items():
                if tv(p) < 0.05:
                    t.fail(f"{label}: draws follow softmax(logits / T)", "value", message, tv_distance=err)
            t.fail(
                f"{label}: draws follow softmax(logits / T)",
                "value",
                f"the frequencies of {N} draws are {err:.2f} (total variation) away from softmax(top-k logits / T): "
                "softmax over the vocabulary axis of the last position's logits / temperature, then "
                "torch.multinomial(probs, 1, generator=generator).",
                tv_distance=err,
            )
        t.passed(f"{label}: draws follow softmax(logits / T)", "value", f"total variation {err:.3f}")

    for label, kw in (("temperature=1e-3", {"temperature": 1e-3}), ("top_k=1", {"top_k": 1})):
        got = run(label, **kw)[0].tolist()
        t.expect(
            f"{label} is greedy",
            got == want,
            f"with {label} sampling must pick the argmax every time: expected {want}, got {got}.",
        )

    a = t.call(sample, model, probe[:50].clone(), 3, generator=dev_gen(3), step="sample runs", hint=torch_hint)
    torch.manual_seed(t.seed + 12345)
    b = t.call(sample, model, probe[:50].clone(), 3, generator=dev_gen(3), step="sample runs", hint=torch_hint)
    t.expect(
        "sample draws with the generator it is given",
        torch.equal(a, b),
        "two calls with equally seeded generators gave different samples: pass generator=generator to "
        "torch.multinomial.",
    )


def _show_sample(t, model):
    """Display only: a line of the trained model's text, through the learner's sample (judged later)."""
    model.eval()
    prompt = torch.tensor([corpus.encode("the ")], device=t.device)
    g = torch.Generator(device=t.device)
    g.manual_seed(t.seed)
    try:
        with torch.no_grad():
            text = corpus.decode(t.learner.sample(model, prompt, 60, temperature=0.8, generator=g)[0].tolist())
    except Exception:  # noqa: BLE001 - the sample part below names what is wrong with sample()
        return
    t.note(f"your model writes (temperature 0.8): {text!r}")


def check(t: Checker) -> None:
    single_thread_on_cpu(t)
    for name in ("TinyGPT", "get_batch", "train", "sample"):
        t.function(name)
    V = len(corpus.alphabet())
    train_ids = torch.tensor(corpus.encode(corpus.text(t.seed % 1000, 6000)))
    held_ids = torch.tensor(corpus.encode(corpus.text(t.seed % 1000 + 5000, 1500)))
    with t.part("get_batch"):
        _check_get_batch(t, t.function("get_batch"))
    with t.part("model"):
        TinyGPT = t.function("TinyGPT")
        model = _build(t, TinyGPT, V, t.seed)
        _forward_checks(t, model, held_ids.to(t.device), V)
        _train_run_checks(t, t.function("train"), TinyGPT, V)
        model = _fit_checks(t, t.function("train"), TinyGPT, V, train_ids, held_ids)
        _show_sample(t, model)
    with t.part("sample"):
        _sampling_checks(t, t.function("sample"))
