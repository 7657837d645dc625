"""Checker: a training script with five planted faults — each one still present is named on its own.

Every fault gets a targeted probe that does not depend on the others, run inside its own part so the
learner sees all the remaining faults at once:

* scaling — preprocess() on digit rows must give float32 pixels / 16 (unscaled 0..16 inputs make
  the first loss far above ln 10 and then kill the ReLUs);
* learning rate — the learner's make_optimizer() drives one epoch of the CHECKER's correct loop on
  the checker's model; the loss is watched: exploding (or never falling) names the learning rate,
  read back from the optimizer for the message;
* train_epoch — runs on a spy model whose logits are a known linear function of the inputs, with an
  optimizer of learning rate 0 whose step pre-hook records .grad. The probe data carries each
  row's id in its first column and the label id % 10, so the labels the loss used can be read back
  from d loss / d logits (the only negative entry of softmax - onehot) and compared with the labels
  of the rows the model saw: X shuffled without y is named. At each step the bias gradient must be
  this batch's alone (stale sums name the missing zero_grad, an empty one names zero_grad between
  backward and step). The gradient must be cross-entropy's on the logits (softmax applied first is
  named). The spy starts in eval mode, as evaluate() leaves a model: train_epoch must switch back.
* evaluate — a spy model in train mode records the mode it is called in and returns planted logits,
  so the accuracy is known exactly.

Only when every probe passes does the whole script train on the digits (8 epochs, streamed) and must
reach TARGET test accuracy. The reference reaches 0.951 at worst over seeds 0-9 (median 0.964; the two
right variants 0.953-0.958 on seeds 1234 and 31337), about 0.3 s of CPU after torch.optim's first-use
import.
"""

import math

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

from tutor.checks import Checker, single_thread_on_cpu
from tutor.checks.training import expect_loss_number
from tutor.datasets import load_digits, split

EPOCHS = 8
TARGET = 0.92  # the reference's worst over seeds 0-9 is 0.951
CLASSES = 10
PROBE_ROWS = 96  # three batches of 32: enough steps to see gradients pile up
LN10 = math.log(CLASSES)


def _hint(exc):
    text = str(exc)
    if "expected scalar type" in text or "dtype" in text.lower():
        return "preprocess should return a float32 tensor (torch.as_tensor(X, dtype=torch.float32))."
    if "does not require grad" in text:
        return "the loss must stay a tensor until loss.backward(); take .item() only for the number you return."
    return None


# ---- the probe models -------------------------------------------------------------------------------


class _SpyNet(nn.Module):
    """Logits = a fixed linear map of the inputs; records the mode, the rows and d loss / d logits."""

    def __init__(self, device, seed):
        super().__init__()
        gen = torch.Generator().manual_seed(seed)
        self.lin = nn.Linear(64, CLASSES)
        with torch.no_grad():
            self.lin.weight.copy_(torch.randn(CLASSES, 64, generator=gen) * 0.5)
            self.lin.bias.copy_(torch.randn(CLASSES, generator=gen) * 0.5)
        self.to(device)
        self.calls = []  # (training?, row ids, logits, grad holder)

    def forward(self, x):
        logits = self.lin(x)
        record = {
            "training": self.training,
            "ids": torch.round(x[:, 0].detach() * PROBE_ROWS).long().cpu(),
            "logits": logits.detach().double().cpu(),
            "grad": None,
        }
        self.calls.append(record)
        if logits.requires_grad:
            logits.register_hook(lambda g, r=record: r.__setitem__("grad", g.detach().double().cpu()))
        return logits


class _PlantedNet(nn.Module):
    """For evaluate(): returns fixed logits for each row (by its id) and records the mode."""

    def __init__(self, logits, device):
        super().__init__()
        self.table = logits.to(device)
        self.dummy = nn.Parameter(torch.zeros(1, device=device))
        self.modes = []

    def forward(self, x):
        self.modes.append(self.training)
        ids = torch.round(x[:, 0] * len(self.table)).long()
        return self.table[ids] + 0 * self.dummy


def _probe_data(n, device, gen):
    X = torch.rand(n, 64, generator=gen)
    X[:, 0] = torch.arange(n) / n  # row id, exact in float32
    y = torch.arange(n) % CLASSES  # the label is a known function of the row
    return X.to(device), y.to(device)


# ---- probes -----------------------------------------------------------------------------------------


def _check_preprocess(t, preprocess, X_digits):
    rows = np.floor(X_digits[:50] * 0.75)  # pixels 0..12: a batch whose largest value is not 16
    out = t.call(preprocess, rows.copy(), hint=_hint, budget_s=5)
    t.expect(
        "preprocess returns a float32 tensor",
        isinstance(out, torch.Tensor) and out.dtype == torch.float32,
        f"preprocess should return a float32 torch tensor; got "
        f"{type(out).__name__}{'' if not isinstance(out, torch.Tensor) else ' of ' + str(out.dtype)}.",
    )
    t.expect(
        "preprocess keeps the shape",
        tuple(out.shape) == rows.shape,
        f"preprocess returned shape {tuple(out.shape)}; each row of 64 pixels stays a row: {rows.shape}.",
    )
    got = out.detach().cpu().double().numpy()
    big = float(np.abs(got).max())
    t.expect(
        "inputs scaled to [0, 1]",
        big <= 1.0 + 1e-6,
        f"the inputs are not scaled: preprocess returns values up to {big:.3g} for pixels up to {rows.max():.0f}. "
        "Unscaled inputs make the first layer's outputs 16 times larger, so the very first loss is already "
        f"far above ln 10 = {LN10:.2f} and the first large steps kill the ReLUs; divide the pixels by 16.",
        kind="value",
    )
    t.expect_close(
        "preprocess = pixels / 16",
        got,
        rows / 16.0,
        mistakes={
            "you scaled by the largest value of THIS batch, not by 16: train and test would be scaled differently.": rows
            / rows.max(),
            "preprocess floor-divides (// 16): every pixel below 16 becomes 0, so the digits vanish. Use true "
            "division, / 16.": np.floor(rows / 16.0),
        },
    )


def _check_learning_rate(t, make_optimizer, X, y):
    """One epoch of a correct loop with the learner's optimizer on the checker's model; watch the loss."""
    torch.manual_seed(t.seed + 1)
    model = nn.Sequential(nn.Linear(64, 64), nn.ReLU(), nn.Dropout(0.3), nn.Linear(64, CLASSES)).to(t.device)
    opt = t.call(make_optimizer, model, hint=_hint, budget_s=20)
    t.expect(
        "make_optimizer returns an optimizer",
        isinstance(opt, torch.optim.Optimizer),
        f"make_optimizer should return a torch.optim optimizer for the model's parameters; got {type(opt).__name__}.",
        kind="run",
    )
    mine = {id(p) for g in opt.param_groups for p in g["params"]}
    t.expect(
        "the optimizer updates every parameter",
        all(id(p) in mine for p in model.parameters()),
        "make_optimizer must hand ALL of model.parameters() to the optimizer; some are missing, so they never learn.",
        kind="value",
    )
    lr = opt.param_groups[0].get("lr")
    momentum = opt.param_groups[0].get("momentum", 0.0) or 0.0
    what = f"{type(opt).__name__}(lr={lr:g}" + (f", momentum={momentum:g})" if momentum else ")")
    gen = torch.Generator().manual_seed(t.seed + 2)
    order = torch.randperm(len(X), generator=gen).to(X.device)
    losses = []
    model.train()
    for start in range(0, len(X), 32):
        idx = order[start : start + 32]
        loss = F.cross_entropy(model(X[idx]), y[idx])
        opt.zero_grad()
        loss.backward()
        opt.step()
        losses.append(loss.item())
        if not math.isfinite(losses[-1]):
            break
    curve = ", ".join(f"{v:.3g}" for v in losses[:6])
    peak = max(losses)
    exploded = not math.isfinite(peak) or peak > 1.5 * losses[0]  # the reference's peak: <= 1.03x
    t.expect(
        "the learning rate does not blow the loss up",
        not exploded,
        f"the learning rate is far too high: with {what} and an otherwise correct loop the loss goes "
        f"{curve}, ... (peak {peak:.3g}) — it jumps up within a few steps instead of falling from "
        f"ln 10 = {LN10:.2f}. Each step overshoots the valley; lower the learning rate by 10-100x "
        "(SGD with momentum 0.9: about 0.01-0.1; Adam: about 1e-3-1e-2).",
        kind="convergence",
    )
    tail = sum(losses[-5:]) / len(losses[-5:])
    # The reference ends its first epoch at <= 0.5x the first loss; lr 5e-3 (momentum 0.9) or Adam 1e-3, at
    # >= 0.9x, then miss the target after 8 epochs.
    t.expect(
        "the learning rate is large enough to learn",
        tail < 0.85 * losses[0],
        f"the learning rate is too low for 8 epochs: with {what} one epoch (of {len(losses)} steps) of an "
        f"otherwise correct loop only takes the loss from {losses[0]:.3g} to {tail:.3g}. Raise it "
        "(SGD with momentum 0.9: about 0.01-0.1; Adam: about 1e-3-1e-2).",
        kind="convergence",
    )


def _check_train_epoch(t, train_epoch):
    gen = torch.Generator().manual_seed(t.seed + 3)
    X, y = _probe_data(PROBE_ROWS, t.device, gen)
    spy = _SpyNet(t.device, t.seed + 4)
    spy.eval()  # as evaluate() leaves a model after the previous epoch
    opt = torch.optim.SGD(spy.parameters(), lr=0.0)  # lr 0: the logits stay the known function of x
    at_step = []  # the bias gradient and how many forward calls had happened, at every step

    def pre_step(optimizer, args, kwargs):
        g = spy.lin.bias.grad
        at_step.append((None if g is None else g.detach().double().cpu().clone(), len(spy.calls)))

    opt.register_step_pre_hook(pre_step)
    torch.manual_seed(t.seed + 5)
    value = t.call(train_epoch, spy, opt, X.clone(), y.clone(), hint=_hint, budget_s=20)
    expect_loss_number(t, "train_epoch returns the mean loss", value, who="train_epoch")

    trained = [c for c in spy.calls if c["grad"] is not None]
    t.expect(
        "train_epoch trains",
        bool(trained) and bool(at_step),
        "train_epoch never ran loss.backward() and optimizer.step() on the model it was given.",
        kind="run",
    )
    with t.part("train_epoch: mode"):
        t.expect(
            "the model is in training mode",
            all(c["training"] for c in trained),
            "train_epoch ran the model in eval mode: evaluate() switched it to eval, and nothing switched it "
            "back, so dropout stays off for the rest of training. Call model.train() at the start of "
            "train_epoch.",
            kind="property",
        )
    loss_name, used = _read_loss(trained)
    with t.part("train_epoch: loss"):
        _check_loss(t, loss_name)
    with t.part("train_epoch: labels"):
        _check_labels(t, trained, used)
    with t.part("train_epoch: zero_grad"):
        _check_fresh_gradients(t, spy, at_step)


def _softmax_first(z, labels, reduction):
    return F.cross_entropy(F.softmax(z, dim=1), labels, reduction=reduction)


# Losses a learner might have written, as (name, loss function, reduction) for the logits' gradient.
_LOSSES = [
    ("cross-entropy", F.cross_entropy, "mean"),
    ("cross-entropy summed", F.cross_entropy, "sum"),
    ("softmax twice", _softmax_first, "mean"),
    ("softmax twice", _softmax_first, "sum"),
]


def _row_gradients(fn, z):
    """(C, B, C): d loss / d logits of each row if its label were c, summed reduction."""
    out = []
    for c in range(CLASSES):
        zz = z.clone().requires_grad_(True)
        fn(zz, torch.full((len(z),), c, dtype=torch.long), reduction="sum").backward()
        out.append(zz.grad)
    return torch.stack(out)


def _read_loss(trained):
    """Which loss (of _LOSSES) explains the logits' gradients, and the label each row was trained on.

    Each row's gradient depends only on its logits and its label, so for every candidate loss the label
    is the one whose gradient matches; the loss is the candidate with the smallest mismatch.
    """
    best = (math.inf, None, None)
    for name, fn, reduction in _LOSSES:
        labels, misfit, size = [], 0.0, 0.0
        for call in trained:
            g, z = call["grad"], call["logits"]
            scale = 1.0 / len(z) if reduction == "mean" else 1.0
            cand = _row_gradients(fn, z) * scale  # (C, B, C)
            err = (cand - g.unsqueeze(0)).norm(dim=2)  # (C, B)
            misfit += float(err.min(dim=0).values.sum())
            size += float(g.norm(dim=1).sum())
            labels.append(err.argmin(dim=0))
        rel = misfit / max(size, 1e-30)
        if rel < best[0]:
            best = (rel, name, torch.cat(labels))
    rel, name, labels = best
    return (name if rel < 1e-3 else None), labels


def _check_loss(t, loss_name):
    if loss_name == "softmax twice":
        t.fail(
            "the loss is cross-entropy on the logits",
            "value",
            "softmax is applied twice: the model's outputs go through F.softmax and then into "
            "F.cross_entropy, which applies log-softmax itself. Probabilities in [0, 1] used as logits "
            "give small, nearly equal gradients, and the loss crawls; pass the raw logits.",
        )
    if loss_name is None:
        t.fail(
            "the loss is cross-entropy on the logits",
            "value",
            "the gradient reaching the logits is not F.cross_entropy's on the raw logits and the labels; "
            "compute loss = F.cross_entropy(model(xb), yb).",
        )
    t.passed("the loss is cross-entropy on the logits", "value")


def _check_labels(t, trained, used):
    seen = torch.cat([c["ids"] for c in trained])
    t.expect(
        "every row is visited once per epoch",
        sorted(seen.tolist()) == list(range(PROBE_ROWS)),
        f"one epoch should pass over each of the {PROBE_ROWS} rows exactly once; the model saw "
        f"{len(seen)} rows, {len(set(seen.tolist()))} of them distinct.",
        kind="property",
    )
    agree = (used == seen % CLASSES).double().mean().item()
    t.expect(
        "each image keeps its label",
        agree > 0.99,
        f"the labels no longer belong to their images: in the probe every label is a known function of "
        f"its image, yet only {agree:.0%} of the rows the model saw were trained towards their own label. "
        "train_epoch shuffles X without shuffling y the same way (or with another permutation). The "
        f"symptom: the training loss stays near ln 10 = {LN10:.2f}, the network can only learn the class "
        "frequencies. Index X and y with ONE permutation.",
        kind="value",
    )


def _check_fresh_gradients(t, spy, at_step):
    """At every step the bias gradient must be the current batch's alone."""
    calls_done = 0
    for i, (grad, n_calls) in enumerate(at_step):
        batch = [c for c in spy.calls[calls_done:n_calls] if c["grad"] is not None]
        calls_done = n_calls
        if grad is None or (batch and float(grad.abs().max()) == 0.0):
            t.fail(
                "gradients are fresh at every step",
                "property",
                f"at optimizer step {i} the gradients are empty: zero_grad() runs between loss.backward() "
                "and optimizer.step(), so the step moves nothing. Clear them BEFORE backward: "
                "zero_grad(), backward(), step().",
            )
        here = sum(c["grad"].sum(dim=0) for c in batch) if batch else torch.zeros(CLASSES, dtype=torch.float64)
        if not torch.allclose(grad, here, rtol=1e-4, atol=1e-6):
            t.fail(
                "gradients are fresh at every step",
                "property",
                f"optimizer.zero_grad() is missing: at step {i} the gradient holds this batch's gradient "
                "PLUS every earlier one (backward() adds into .grad). Each step then pushes along the sum "
                "of all past gradients, so the loss first falls, then swings ever wider and explodes. "
                "Call optimizer.zero_grad() before loss.backward() in every step.",
            )
    t.passed("gradients are fresh at every step", "property", f"{len(at_step)} steps")


def _check_evaluate(t, evaluate):
    n = 40
    gen = torch.Generator().manual_seed(t.seed + 6)
    X, y = _probe_data(n, t.device, gen)
    logits = torch.randn(n, CLASSES, generator=gen)
    want = (logits.argmax(dim=1) == y.cpu()).double().mean().item()
    planted = _PlantedNet(logits, t.device)
    planted.train()  # as train_epoch leaves it
    got = t.call(evaluate, planted, X, y, hint=_hint, budget_s=10)
    t.expect(
        "evaluate runs the model in eval mode",
        bool(planted.modes) and not any(planted.modes),
        "evaluate never switches the model to eval mode: at test time dropout still zeroes 30% of "
        "the hidden units (a different 30% on every call), so the accuracy is lower than the model "
        "deserves and changes from one evaluation to the next. Call model.eval() (with parentheses) "
        "before predicting; train_epoch switches back with model.train().",
        kind="property",
    )
    t.expect_scalar(
        "evaluate returns the accuracy",
        got,
        want,
        mistakes={
            "you returned the number of correct predictions; return the FRACTION (divide by len(y)).": want * n,
            "you returned the error rate; return the fraction CORRECT.": 1 - want,
        },
    )


# ---- the whole script -------------------------------------------------------------------------------


def _converge(t, m, X_digits, y_digits):
    Xtr, Xte, ytr, yte = split(X_digits, y_digits, 0.25, seed=t.seed % 1000)
    Xtr_t = t.call(m["preprocess"], Xtr.copy()).to(t.device)
    Xte_t = t.call(m["preprocess"], Xte.copy()).to(t.device)
    ytr_t, yte_t = torch.as_tensor(ytr).to(t.device), torch.as_tensor(yte).to(t.device)
    torch.manual_seed(t.seed)
    model = t.call(m["make_model"], hint=_hint).to(t.device)
    opt = t.call(m["make_optimizer"], model, hint=_hint)

    def epoch(i):
        loss = m["train_epoch"](model, opt, Xtr_t, ytr_t)
        m["evaluate"](model, Xte_t, yte_t)  # the script evaluates every epoch; train_epoch must cope
        return loss

    t.converge(
        "the fixed script learns the digits",
        epoch,
        steps=EPOCHS,
        target=TARGET,
        goal="above",
        final=lambda: m["evaluate"](model, Xte_t, yte_t),
        metric="training loss",
        budget_s=40,
    )


def check(t: Checker) -> None:
    single_thread_on_cpu(t)
    names = ("preprocess", "make_model", "make_optimizer", "train_epoch", "evaluate")
    m = {name: t.function(name) for name in names}
    X_digits, y_digits = load_digits()

    with t.part("preprocess"):
        _check_preprocess(t, m["preprocess"], X_digits)
    with t.part("learning rate"):
        Xtr = torch.as_tensor(X_digits[:1344] / 16.0, dtype=torch.float32).to(t.device)
        _check_learning_rate(t, m["make_optimizer"], Xtr, torch.as_tensor(y_digits[:1344]).to(t.device))
    with t.part("train_epoch"):
        _check_train_epoch(t, m["train_epoch"])
    with t.part("evaluate"):
        _check_evaluate(t, m["evaluate"])
    if t.failed:
        t.note("Fix the faults named above; then the whole script is trained on the digits.")
        return
    _converge(t, m, X_digits, y_digits)
