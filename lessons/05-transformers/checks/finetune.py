"""Checker: fine-tune the course's pretrained review language model (checks/_pretrained.py) for sentiment.

Order: the classifier keeps the pretrained body's weights (a fresh or re-initialised body is named);
logits (B, 2); pooling probes in eval mode — the logits must not change with the padding after a review
(last-padded-position and mean-over-padding pooling named) and must depend on more than the first word
(position 0 of a causal model has read one word: named); make_optimizer covers the head; finetune runs
in train mode with exactly `steps` optimizer steps and returns float losses; a short probe run on a copy
(another steps/batch/N, dropout off) checks the step count again, that the batches are the rows
torch.randint(..., generator=generator) draws, and names a missing zero_grad; predict is deterministic
(eval mode) and returns int64 0/1 labels. Then the verdict: held-out accuracy on fresh reviews (with negations)
must reach TARGET and beat the same architecture trained from scratch by the checker for the same steps
by MARGIN. Below that, the cause is named where it can be measured: inverted labels, a frozen body, a
learning rate that moved the body far from its pretrained weights.
"""

import copy
import math

import torch
import torch.nn.functional as F
from _pretrained import PAD, ReviewLM, pretrained
from torch import nn

from tutor.checks import Checker
from tutor.checks.training import expect_gradients_cleared, single_thread_on_cpu
from tutor.datasets import REVIEW_NEGATIONS, generate_reviews

STEPS, BATCH = 150, 32
N_TRAIN, N_TEST = 800, 400
# Reference on 5 seeds (150 steps): fine-tuned 0.795-0.892 held-out, scratch 0.56-0.61; frozen body
# (head only) and an all-parameter lr of 3e-2 both stay far lower (see the lesson).
TARGET, MARGIN = 0.70, 0.08
BODY_PREFIXES = ("embed.", "pos.", "blocks.", "ln_f.")


def _body_params(lm: nn.Module) -> dict[str, torch.Tensor]:
    return {n: p for n, p in lm.named_parameters() if n.startswith(BODY_PREFIXES)}


class _Scratch(nn.Module):
    """The checker's own baseline: the same body architecture, freshly initialised, last-word pooling."""

    def __init__(self, body: ReviewLM) -> None:
        super().__init__()
        self.body = body
        self.head = nn.Linear(body.d_model, 2)

    def forward(self, ids, lengths):
        return self.head(self.body.features(ids)[torch.arange(len(ids), device=ids.device), lengths - 1])


def _scratch_accuracy(t, vocab_size, data, test, seed):
    ids, lengths, labels = data
    torch.manual_seed(seed)
    model = _Scratch(ReviewLM(vocab_size, dropout=0.1)).to(t.device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-3)  # the best single rate we found from scratch
    gen = torch.Generator().manual_seed(seed)
    model.train()
    for i in range(STEPS):
        rows = torch.randint(0, len(ids), (BATCH,), generator=gen).to(t.device)
        loss = F.cross_entropy(model(ids[rows], lengths[rows]), labels[rows])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        t.curve("loss (from scratch)", i, loss.item())
    model.eval()
    with torch.no_grad():
        return float((model(test[0], test[1]).argmax(1) == test[2]).float().mean())


def _expect_pretrained_weights(t, model, lm):
    tensors = [v for v in model.state_dict().values() if isinstance(v, torch.Tensor)]
    missing = []
    for name, p in _body_params(lm).items():
        if not any(v.shape == p.shape and torch.equal(v.detach().to(p.device), p.detach()) for v in tensors):
            missing.append(name)
    if missing:
        shown = ", ".join(missing[:4]) + (f" and {len(missing) - 4} more" if len(missing) > 4 else "")
        t.fail(
            "the body starts from the pretrained weights",
            "value",
            f"{len(missing)} of the {len(_body_params(lm))} pretrained body tensors are nowhere in your "
            f"model ({shown}): you built a fresh ReviewLM, or re-initialised the one you were given "
            "(reset_parameters, nn.init, .apply(init_fn)). A fresh body knows nothing — that is training from "
            "scratch. Keep the object you receive: self.body = pretrained.",
        )
    t.passed("the body starts from the pretrained weights", "value")


def _pooling_probes(t, model, vocab, device):
    texts, _ = generate_reviews(6, t.seed + 11)
    ids, lengths = vocab.encode(texts, device)
    with torch.no_grad():
        base = t.call(model, ids, lengths, step="forward on a batch of 6 reviews runs")
        t.expect_array("logits", base, shape=(6, 2), tensor=True, device=device)
        t.expect("logits are finite", bool(torch.isfinite(base).all()), "the logits contain NaN or inf.")
        # The same reviews with 7 more pad columns: a review's logits must not care.
        wider = torch.cat([ids, torch.full((len(ids), 7), PAD, dtype=ids.dtype, device=device)], dim=1)
        padded = model(wider, lengths)
        if not torch.allclose(base, padded, rtol=1e-4, atol=1e-5):
            feats = model_features(model, wider)
            message = (
                "a review's logits change when more padding follows it: you pool positions that are "
                "padding. Pool the hidden state at the last REAL word, h[arange(B), lengths - 1] "
                "(or average only over positions < length)."
            )
            if feats is not None:
                message = (
                    "your logits read the LAST column of the padded batch, h[:, -1]: for every review "
                    "shorter than the batch that is a pad token. Use h[arange(B), lengths - 1]."
                    if _matches_head(model, feats[:, -1], padded)
                    else "you average over ALL positions, padding included, so the same review scores "
                    "differently in a wider batch: average over positions < length only (a mask), "
                    "or take h[arange(B), lengths - 1]."
                    if _matches_head(model, feats.mean(1), padded)
                    else message
                )
            t.fail("pooling ignores padding", "value", message)
        t.passed("pooling ignores padding", "value")
        # Change every word but the first: a causal model's position 0 has read only that first word.
        gen = torch.Generator().manual_seed(t.seed)
        other = ids.clone()
        real = torch.arange(ids.shape[1], device=device)[None, :] < lengths[:, None]
        random_words = torch.randint(2, len(vocab), ids.shape, generator=gen).to(device)
        other[:, 1:] = torch.where(real[:, 1:], random_words[:, 1:], ids[:, 1:])
        changed = model(other, lengths)
        t.expect(
            "the logits read the whole review",
            not torch.allclose(base, changed, rtol=1e-5, atol=1e-6),
            "changing every word after the first leaves your logits unchanged: you pool position 0. The "
            "body is CAUSAL (a GPT): position t has only read words 0..t, so position 0 has seen one word. "
            "The last real word is the one that has read the whole review: h[arange(B), lengths - 1].",
        )


def model_features(model, ids):
    """The learner's body's features, if the pretrained body is reachable as a submodule."""
    for module in model.modules():
        if isinstance(module, ReviewLM):
            return module.features(ids)
    return None


def _matches_head(model, pooled, logits):
    """Does some Linear(d_model, 2) of the model map `pooled` to `logits`?"""
    for module in model.modules():
        if isinstance(module, nn.Linear) and tuple(module.weight.shape) == (2, pooled.shape[-1]):
            if torch.allclose(module(pooled), logits, rtol=1e-4, atol=1e-5):
                return True
    return False


def _describe_losses(losses):
    """What finetune returned instead of STEPS floats, for the message."""
    if not isinstance(losses, list | tuple):
        return f"got {type(losses).__name__}"
    odd = next((v for v in losses if not isinstance(v, float)), None)
    if len(losses) == STEPS and odd is not None:
        kept = " — a tensor keeps its whole graph alive" if isinstance(odd, torch.Tensor) else ""
        return f"got a {type(losses).__name__} of {type(odd).__name__}s{kept}"
    return f"got a {type(losses).__name__} of length {len(losses)}"


PROBE_N, PROBE_STEPS, PROBE_BATCH = 40, 3, 8


def _probe_run(t, model, make_optimizer, finetune, data, seed, global_seed):
    """finetune on a copy of the model, dropout off, with a seeded generator: the (ids, lengths) of each
    forward, the number of optimizer steps, and per step the parameters and their .grad just before it."""
    probe = copy.deepcopy(model)
    for module in probe.modules():
        if isinstance(module, nn.Dropout):
            module.p = 0.0  # gradients the checker can recompute
    optimizer = t.call(make_optimizer, probe, step="make_optimizer(model) runs")
    params = list(probe.parameters())
    batches, before_steps = [], []

    def on_forward(_module, args, kwargs):
        ids = args[0] if args else kwargs.get("ids")
        lengths = args[1] if len(args) > 1 else kwargs.get("lengths")
        if torch.is_tensor(ids) and torch.is_tensor(lengths):
            batches.append((ids.detach().cpu().clone(), lengths.detach().cpu().clone()))

    def on_step(*_):
        before_steps.append(
            (
                [p.detach().clone() for p in params],
                [None if p.grad is None else p.grad.detach().clone() for p in params],
            )
        )

    hook = probe.register_forward_pre_hook(on_forward, with_kwargs=True)
    optimizer.register_step_pre_hook(on_step)
    torch.manual_seed(global_seed)  # a different global RNG per run: only the generator may fix the batches
    ids, lengths, labels = (d[:PROBE_N].clone() for d in data)
    try:
        t.call(
            finetune,
            probe,
            optimizer,
            ids,
            lengths,
            labels,
            PROBE_STEPS,
            batch_size=PROBE_BATCH,
            generator=torch.Generator().manual_seed(seed),
            hint=_hint,
            step=f"finetune(..., steps={PROBE_STEPS}, batch_size={PROBE_BATCH}) on {PROBE_N} reviews runs",
        )
    finally:
        hook.remove()
    return probe, batches, before_steps


def _batch_probe(t, model, make_optimizer, finetune, data):
    """Exactly `steps` steps for another steps/batch/N combination; each batch is the rows of
    torch.randint(0, len(ids), (batch_size,), generator=generator); the .grad is fresh at every step."""
    seed = t.seed + 77
    probe, batches, before_steps = _probe_run(t, model, make_optimizer, finetune, data, seed, t.seed + 500)
    if len(before_steps) != PROBE_STEPS:
        t.fail(
            "finetune takes exactly `steps` optimizer steps",
            "run",
            f"with steps={PROBE_STEPS}, batch_size={PROBE_BATCH} and {PROBE_N} reviews finetune took "
            f"{len(before_steps)} optimizer steps: `steps` counts optimizer steps, one batch each, not epochs or "
            "passes over the data (it only came out right on the big run by coincidence). Loop "
            "`for _ in range(steps)` and draw each batch with torch.randint.",
        )
    t.passed("finetune takes exactly `steps` optimizer steps", "run")
    gen = torch.Generator().manual_seed(seed)
    rows = [torch.randint(0, PROBE_N, (PROBE_BATCH,), generator=gen) for _ in range(PROBE_STEPS)]
    ids = data[0][:PROBE_N].cpu()
    batches = _training_batches(batches)
    drawn = [b for b, _ in batches[:PROBE_STEPS]]
    if len(drawn) == PROBE_STEPS and not all(
        d.shape == ids[r].shape and torch.equal(d, ids[r]) for d, r in zip(drawn, rows, strict=True)
    ):
        _, again, _ = _probe_run(t, model, make_optimizer, finetune, data, seed, t.seed + 501)
        again = _training_batches(again)
        if len(again) != len(batches) or not all(
            a.shape == b.shape and torch.equal(a, b) for (a, _), (b, _) in zip(batches, again, strict=True)
        ):
            t.fail(
                "batches are torch.randint draws with the generator",
                "run",
                "two calls with equally seeded generators drew different batches: pass generator=generator to "
                "torch.randint, so that a run can be replayed.",
            )
        t.fail(
            "batches are torch.randint draws with the generator",
            "run",
            "your batches are not the rows torch.randint(0, len(ids), (batch_size,), generator=generator) "
            "draws, as the task asks: every step draws batch_size rows independently, with replacement (a "
            "shuffled epoch sliced into batches, torch.randperm, visits the rows in another order).",
        )
    t.passed("batches are torch.randint draws with the generator", "run")
    if len(drawn) == PROBE_STEPS:
        _zero_grad_probe(t, probe, before_steps, batches[1], data[2][:PROBE_N][rows[1]])


def _training_batches(batches):
    """The forwards on batch_size rows, a repeated forward on the same batch (a training accuracy, say) once."""
    kept = []
    for ids, lengths in batches:
        if len(ids) == PROBE_BATCH and not (kept and kept[-1][0].shape == ids.shape and torch.equal(kept[-1][0], ids)):
            kept.append((ids, lengths))
    return kept


def _zero_grad_probe(t, probe, before_steps, batch, labels):
    """Name a missing zero_grad: the .grad at step 2 is step 2's gradient PLUS step 1's.

    Only a diagnosis, silent when the .grad is something else (gradient clipping, for one, is allowed).
    """
    (_, grads1), (params2, grads2) = before_steps[0], before_steps[1]
    fresh_model = copy.deepcopy(probe)
    with torch.no_grad():
        for p, value in zip(fresh_model.parameters(), params2, strict=True):
            p.copy_(value)
    fresh_model.zero_grad(set_to_none=True)
    fresh_model.train()
    device = params2[0].device
    ids, lengths = batch
    F.cross_entropy(fresh_model(ids.to(device), lengths.to(device)), labels.to(device)).backward()
    # parameters without a gradient (the pretrained lm_head, unused by features) are left out
    fresh_grads = [p.grad for p in fresh_model.parameters()]
    used = [i for i, g in enumerate(fresh_grads) if g is not None and grads1[i] is not None and grads2[i] is not None]
    if not used:
        return
    expect_gradients_cleared(
        t,
        previous=torch.cat([grads1[i].reshape(-1) for i in used]),
        got=torch.cat([grads2[i].reshape(-1) for i in used]),
        fresh=torch.cat([fresh_grads[i].reshape(-1) for i in used]),
    )


def _hint(exc):
    text = str(exc)
    if "expected scalar type Long" in text or "Float" in text and "target" in text:
        return (
            "F.cross_entropy takes the labels as class indices, int64 of shape (B,), and the logits "
            "(B, 2) — no one-hot, no float labels."
        )
    if "does not require grad" in text:
        return "the loss is cut off from autograd: no .item() or torch.no_grad() before backward."
    return None


def check(t: Checker) -> None:
    single_thread_on_cpu(t)
    SentimentClassifier = t.function("SentimentClassifier")
    make_optimizer = t.function("make_optimizer")
    finetune = t.function("finetune")
    predict = t.function("predict")

    lm, vocab = pretrained()
    lm = lm.to(t.device)
    torch.manual_seed(t.seed)
    model = t.call(SentimentClassifier, copy.deepcopy(lm), step="SentimentClassifier(pretrained) builds")
    t.expect(
        "SentimentClassifier is an nn.Module",
        isinstance(model, nn.Module),
        f"SentimentClassifier(...) gave a {type(model).__name__}; subclass torch.nn.Module.",
        kind="run",
    )
    model = model.to(t.device)
    _expect_pretrained_weights(t, model, lm)

    model.eval()
    _pooling_probes(t, model, vocab, t.device)

    optimizer = t.call(make_optimizer, model, step="make_optimizer(model) runs")
    t.expect(
        "make_optimizer returns a torch optimizer",
        isinstance(optimizer, torch.optim.Optimizer),
        f"make_optimizer returned a {type(optimizer).__name__}; return a torch.optim optimizer.",
        kind="run",
    )
    held = {id(p) for group in optimizer.param_groups for p in group["params"]}
    pretrained_ids = {id(p) for module in model.modules() if isinstance(module, ReviewLM) for p in module.parameters()}
    head = [p for p in model.parameters() if id(p) not in pretrained_ids]
    t.expect(
        "the optimizer trains the new head",
        bool(head) and all(id(p) in held for p in head),
        "your model has no new parameters besides the pretrained language model: add a head, "
        "nn.Linear(pretrained.d_model, 2)."
        if not head
        else "the optimizer does not hold your new head's parameters: the head starts random and must be "
        "trained — give it its own parameter group.",
        kind="run",
    )

    train_texts, train_y = generate_reviews(N_TRAIN, t.seed)
    test_texts, test_y = generate_reviews(N_TEST, t.seed + 1000)
    ids, lengths = vocab.encode(train_texts, t.device)
    labels = torch.tensor(train_y, device=t.device)
    tid, tl = vocab.encode(test_texts, t.device)
    ty = torch.tensor(test_y, device=t.device)

    modes, steps = [], []
    hook = model.register_forward_pre_hook(lambda m, args: modes.append(m.training))
    optimizer.register_step_post_hook(lambda *_: steps.append(1))
    model.eval()  # as a predict() would have left it: finetune must switch training on itself
    before = {n: p.detach().clone() for n, p in _body_params(lm).items()}
    losses = t.call(
        finetune,
        model,
        optimizer,
        ids.clone(),
        lengths.clone(),
        labels.clone(),
        STEPS,
        batch_size=BATCH,
        generator=torch.Generator().manual_seed(t.seed),
        hint=_hint,
        step=f"finetune(..., steps={STEPS}) runs",
        budget_s=max(30.0, t.time_left() / 2),
    )
    hook.remove()
    t.expect(
        "finetune trains in train mode",
        any(modes),
        "every forward pass of finetune ran in EVAL mode: call model.train() at its start. The pretrained "
        "body has dropout, which only works in train mode (and predict switches it off).",
        kind="run",
    )
    t.expect(
        f"finetune takes {STEPS} optimizer steps",
        len(steps) == STEPS,
        f"finetune took {len(steps)} optimizer steps for steps={STEPS}: one optimizer.step() per step — the "
        "comparison with training from scratch is at the same budget.",
        kind="run",
    )
    t.expect(
        "finetune returns the losses as floats",
        isinstance(losses, list | tuple) and len(losses) == STEPS and all(isinstance(v, float) for v in losses),
        f"return a list of {STEPS} Python floats, one loss.item() per step ({_describe_losses(losses)}).",
        kind="value",
    )
    for i, value in enumerate(losses):
        t.curve("loss (fine-tuning)", i, value)
    t.expect(
        "the losses are finite",
        all(math.isfinite(v) for v in losses),
        "the loss became NaN/inf: a learning rate far too high for the pretrained body?",
        kind="convergence",
    )
    _batch_probe(t, model, make_optimizer, finetune, (ids, lengths, labels))

    model.train()  # as finetune leaves it: predict must switch dropout off itself
    first = t.call(predict, model, tid, tl, step="predict runs")
    again = t.call(predict, model, tid, tl, step="predict runs")
    t.expect(
        "predict returns a tensor",
        isinstance(first, torch.Tensor) and isinstance(again, torch.Tensor),
        f"predict returned a {type(first).__name__}; return a torch tensor of int64 labels.",
        kind="run",
    )
    t.expect_shape(
        "predictions",
        first,
        (N_TEST,),
        tensor=True,
        mistakes={(N_TEST, 2): "those are the logits (or probabilities): return logits.argmax(dim=1)."},
    )
    t.expect(
        "predictions are class labels 0/1",
        not first.is_floating_point() and bool(((first == 0) | (first == 1)).all()),
        "predict must return int64 labels 0 or 1 (logits.argmax(dim=1)), not logits or probabilities.",
    )
    t.expect(
        "predictions are int64",
        first.dtype == torch.int64,
        f"predict returned {first.dtype} labels; the task asks for int64 (what argmax gives): drop the "
        ".int() / .to(torch.int32) — labels are compared and indexed as torch.long.",
    )
    model.eval()
    with torch.no_grad():
        want = model(tid, tl).argmax(1)
    t.expect(
        "predict runs in eval mode",
        torch.equal(first.to(want.device), again.to(want.device)) and torch.equal(first.to(want.device), want),
        "predict gives different answers for the same reviews: it ran with dropout on. Call model.eval() "
        "in predict (and predict under torch.no_grad()).",
    )

    accuracy = float((first.to(ty.device) == ty).float().mean())
    negated = torch.tensor([any(w in REVIEW_NEGATIONS for w in s.split()) for s in test_texts], device=ty.device)
    neg_acc = float((first.to(ty.device) == ty)[negated].float().mean())
    scratch = _scratch_accuracy(t, len(vocab), (ids, lengths, labels), (tid, tl, ty), t.seed)
    t.note(
        f"held-out accuracy: fine-tuned {accuracy:.3f} (on reviews with a negation {neg_acc:.3f}); the same "
        f"architecture trained from scratch for {STEPS} steps: {scratch:.3f}"
    )
    drift = None
    learner_body = next((m for m in model.modules() if isinstance(m, ReviewLM)), None)
    if learner_body is not None:
        now = _body_params(learner_body)
        moved = math.sqrt(sum(float((now[n].detach() - before[n]).pow(2).sum()) for n in before if n in now))
        size = math.sqrt(sum(float(v.pow(2).sum()) for v in before.values()))
        drift = moved / size
    good = accuracy >= TARGET and accuracy >= scratch + MARGIN
    if not good:
        why = f"held-out accuracy {accuracy:.3f} (from scratch: {scratch:.3f}; needed ≥ {TARGET} and ≥ scratch + {MARGIN})"
        if accuracy <= 0.3:
            message = (
                f"{why} — far BELOW chance: your predictions are inverted. The labels are 1 = positive, "
                "0 = negative; train on them as they are and return argmax(dim=1)."
            )
        elif drift is not None and drift == 0.0:
            message = (
                f"{why}. The body did not move at all: everything but the head is frozen, and the pretrained "
                "features alone, read by one linear layer, are not enough here. Train the body too, with a "
                "SMALLER learning rate than the head (two parameter groups)."
            )
        elif drift is not None and drift > 0.5:
            message = (
                f"{why}. Your body weights moved {drift:.0%} of their size away from the pretrained ones: "
                "a learning rate that large overwrites what pretraining learnt (catastrophic forgetting). "
                "Give the body a small rate (around 1e-3 with Adam) and the new head a larger one."
            )
        elif abs(accuracy - 0.5) < 0.07:
            message = (
                f"{why} — chance level. Are the labels in each batch those of the same reviews? Index ids, "
                "lengths and labels with the SAME rows. Is the loss F.cross_entropy(logits, labels)?"
            )
        else:
            message = (
                f"{why}. Check the pooling (last real word), the learning rates (head ~1e-2, body ~1e-3 "
                "with Adam) and that every step samples a fresh batch."
            )
        t.fail(
            "fine-tuning beats training from scratch",
            "convergence",
            message,
            accuracy=accuracy,
            scratch=scratch,
            negated_accuracy=neg_acc,
            body_drift=drift,
        )
    t.passed(
        "fine-tuning beats training from scratch",
        "convergence",
        f"held-out accuracy {accuracy:.3f} vs {scratch:.3f} from scratch at the same {STEPS} steps "
        f"(reviews with a negation: {neg_acc:.3f}); the body moved {drift:.1%} from its pretrained weights"
        if drift is not None
        else f"held-out accuracy {accuracy:.3f} vs {scratch:.3f} from scratch",
    )
