"""Checker: early stopping on planted validation curves — epochs run, best epoch, restored weights.

The model (a Linear layer and a BatchNorm, on the check's device) is "trained"
by a train_epoch that adds 1 to every parameter and buffer in place, so the
weights themselves say how many epochs they have seen; val_loss reads that
count and returns the planted curve's value. So the checker knows exactly how
many epochs ran and which epoch's weights the model holds at the end, and can
name: an off-by-one patience, a tie taken for an improvement, the counter reset
against the previous epoch's loss instead of the best, val_loss called before
train_epoch (the order of the calls is logged), no restore, a
state_dict saved by reference (training changes it in place), a restore of
the parameters without the buffers, a 1-based best epoch.
"""

import math

import numpy as np
import torch
from torch import nn

from tutor.checks import Checker

SCENARIOS = [
    ("a dip, then a rise (patience 3)", [1.0, 0.8, 0.7, 0.72, 0.69, 0.75, 0.8, 0.9, 0.95, 1.0, 1.1, 1.2], 12, 3),
    ("a tie is not an improvement (patience 2)", [1.0, 0.5, 0.5, 0.6, 0.4, 0.3, 0.2, 0.1, 0.05, 0.01], 10, 2),
    ("still improving at max_epochs (patience 3)", [1.0, 0.9, 0.8, 0.7, 0.6, 0.5, 0.45, 0.4], 8, 3),
    ("patience 1", [0.9, 0.7, 0.8, 0.6, 0.5, 0.4], 6, 1),
]


def simulate(curve, max_epochs, patience, tie_improves=False, against_previous=False):
    """(epochs run, best epoch) of correct early stopping (or of the 'a tie improves' variant, or of the
    patience counter reset whenever a loss beats the PREVIOUS epoch's instead of the best so far)."""
    best, best_epoch, waited, previous = math.inf, -1, 0, math.inf
    for epoch in range(max_epochs):
        loss = curve[epoch]
        if against_previous:
            if loss < best:
                best, best_epoch = loss, epoch
            improved, previous = loss < previous, loss
            if improved:
                waited = 0
                continue
            waited += 1
            if waited >= patience:
                return epoch + 1, best_epoch
            continue
        if loss < best or (tie_improves and loss == best):
            best, best_epoch, waited = loss, epoch, 0
        else:
            waited += 1
            if waited >= patience:
                return epoch + 1, best_epoch
    return max_epochs, best_epoch


class Tracked(nn.Module):
    """Parameters and a buffer that count the epochs they were trained for."""

    def __init__(self):
        super().__init__()
        self.linear = nn.Linear(2, 1)
        self.norm = nn.BatchNorm1d(2)
        with torch.no_grad():
            for tensor in self.state_dict().values():
                if tensor.is_floating_point():
                    tensor.zero_()

    def forward(self, x):
        return self.linear(self.norm(x))


def _epochs_seen(model):
    """(epochs in the parameters, epochs in the BatchNorm buffer)."""
    return (
        int(round(float(model.linear.weight.detach()[0, 0]))),
        int(round(float(model.norm.running_mean.detach()[0]))),
    )


def run_scenario(t, fn, curve, max_epochs, patience):
    model = Tracked().to(t.device)
    calls = {"train": 0, "order": []}

    def train_epoch(m):
        calls["train"] += 1
        calls["order"].append("train")
        with torch.no_grad():  # in place, as an optimizer step is: a state_dict saved by reference follows it
            for tensor in m.state_dict().values():
                if tensor.is_floating_point():
                    tensor.add_(1.0)

    def val_loss(m):
        calls["order"].append("val")
        seen = _epochs_seen(m)[0]
        return 10.0 if seen <= 0 else float(curve[min(seen, len(curve)) - 1])

    out = t.call(fn, model, train_epoch, val_loss, max_epochs, patience, step="train_with_early_stopping runs")
    return model, calls["train"], out, calls["order"]


def check(t: Checker) -> None:
    fn = t.function("train_with_early_stopping")
    for name, curve, max_epochs, patience in SCENARIOS:
        with t.part(name):
            judge(t, fn, curve, max_epochs, patience)
    with t.part("random curves"):
        rng = np.random.default_rng(t.seed)
        for trial in range(12):
            n = int(rng.integers(6, 25))
            curve = np.round(
                1 / (1 + np.arange(n)) + 0.02 * np.arange(n) * rng.uniform(0, 1) + rng.normal(size=n) * 0.05, 2
            ).tolist()
            judge(t, fn, curve, n, int(rng.integers(1, 5)), quiet=True, trial=trial)
        t.passed("12 noisy curves, patience 1 to 4", "property")


def judge(t, fn, curve, max_epochs, patience, quiet=False, trial=None):
    model, ran, out, order = run_scenario(t, fn, curve, max_epochs, patience)
    expected_ran, best = simulate(curve, max_epochs, patience)
    where = f" (curve {[round(v, 2) for v in curve[:max_epochs]]}, patience {patience})" if quiet else ""
    step = "epochs run" if not quiet else f"curve {trial}: epochs run"
    if order[:2] == ["val", "train"] and order.count("val") == order.count("train"):
        t.fail(
            step,
            "property",
            "val_loss was called BEFORE train_epoch in each epoch, so every loss belongs to the weights of the "
            "epoch before (the first one to untrained weights) and the best epoch and its saved weights are "
            "off by one. Each epoch: train_epoch(model) first, then val_loss(model)." + where,
        )
    if ran != expected_ran and order.count("train") > order.count("val") > 0:
        t.fail(
            step,
            "property",
            f"train_epoch was called {order.count('train')} times but val_loss {order.count('val')} times: "
            "call train_epoch exactly ONCE per epoch, then val_loss once." + where,
        )
    if ran != expected_ran:
        tie_ran, _ = simulate(curve, max_epochs, patience, tie_improves=True)
        if ran == tie_ran:
            t.fail(
                step,
                "property",
                f"{ran} epochs ran, expected {expected_ran}: you counted an epoch whose loss "
                "EQUALS the best as an improvement (`<=`); only a strictly lower loss improves." + where,
            )
        if ran == simulate(curve, max_epochs, patience, against_previous=True)[0]:
            t.fail(
                step,
                "property",
                f"{ran} epochs ran, expected {expected_ran}: your patience counter restarts whenever a loss is "
                "lower than the PREVIOUS epoch's, so a curve that zigzags never stops. An epoch improves only if "
                f"its loss is lower than the BEST so far ({min(curve[:expected_ran]):.2f} here, at epoch {best}); "
                "compare with best, not with the last loss." + where,
            )
        if ran == expected_ran + 1 and expected_ran < max_epochs:
            t.fail(
                step,
                "property",
                f"{ran} epochs ran, expected {expected_ran}: one epoch too many. With "
                f"patience {patience} the loop stops as soon as {patience} epochs in a row have not improved "
                "(`waited >= patience`, counting from the epoch after the best)." + where,
            )
        if ran == expected_ran - 1:
            t.fail(
                step,
                "property",
                f"{ran} epochs ran, expected {expected_ran}: one epoch too few — patience "
                f"{patience} allows {patience} epochs without improvement after the best one before stopping "
                "(is the counter started at 1, compared with `patience - 1`, or not reset to 0 when an epoch "
                "improves?)." + where,
            )
        if ran == max_epochs:
            t.fail(
                step,
                "property",
                f"all {max_epochs} epochs ran, expected {expected_ran}: training never stopped "
                "early. Count the epochs since the last improvement, reset the count when one improves, "
                "and break when it reaches patience." + where,
            )
        t.fail(
            step,
            "property",
            f"{ran} epochs ran (train_epoch calls), expected {expected_ran}: the best loss "
            f"came at epoch {best}, and patience {patience} stops {patience} epochs later." + where,
        )
    if not quiet:
        t.passed(step, "property", f"{ran} epochs, the best at epoch {best}")

    step = "returns (best_epoch, losses)" if not quiet else f"curve {trial}: returns (best_epoch, losses)"
    if not isinstance(out, tuple | list) or len(out) != 2:
        t.fail(step, "value", f"expected a pair (best_epoch, losses), got {type(out).__name__}")
    got_best, losses = out
    if isinstance(got_best, torch.Tensor | np.integer | np.ndarray) and np.size(got_best) == 1:
        got_best = int(got_best)
    if not isinstance(got_best, int) or isinstance(got_best, bool):
        t.fail(step, "value", f"best_epoch should be an int, got {type(got_best).__name__}")
    if got_best == best + 1:
        t.fail(
            step,
            "value",
            f"best_epoch is {got_best}, expected {best}: epochs count from 0 (the first epoch is epoch 0)." + where,
        )
    if got_best != best:
        t.fail(step, "value", f"best_epoch is {got_best}, but the lowest validation loss came at epoch {best}." + where)
    if not isinstance(losses, list | tuple) or len(losses) != ran:
        t.fail(
            step,
            "value",
            f"losses should be a list with one validation loss per epoch run ({ran}), got "
            + (f"{len(losses)} values" if isinstance(losses, list | tuple) else type(losses).__name__),
        )
    if any(not isinstance(v, int | float) for v in losses):
        t.fail(step, "value", "losses should hold plain floats (float(val_loss(model))).")
    if not np.allclose(losses, curve[:ran]):
        t.fail(
            step,
            "value",
            f"losses {list(losses)[:6]}... are not the validation losses of the epochs run, in order "
            f"({curve[:ran][:6]}...).",
        )
    if not quiet:
        t.passed(step, "value")

    step = "the best weights are restored" if not quiet else f"curve {trial}: the best weights are restored"
    params, buffers = _epochs_seen(model)
    want = best + 1  # the weights after training epoch `best` have seen best + 1 epochs
    if params == ran and buffers == ran and want != ran:
        t.fail(
            step,
            "value",
            f"after returning, the model holds the weights of the LAST epoch ({ran - 1}), not of "
            f"the best one ({best}). Restore them with model.load_state_dict(best_state) — and save best_state "
            "as a COPY: model.state_dict() returns the live tensors, which the optimizer keeps changing in "
            "place, so a state_dict saved without .clone() (or copy.deepcopy) silently becomes the latest "
            "weights." + where,
        )
    if params == want and buffers != want:
        t.fail(
            step,
            "value",
            f"the parameters are the best epoch's, but the buffers (BatchNorm's running "
            f"statistics) are from epoch {buffers - 1}: save and restore the whole state_dict(), not just "
            "model.parameters()." + where,
        )
    if params in (want - 1, want + 1) and params != ran:
        t.fail(
            step,
            "value",
            f"the model holds the weights of epoch {params - 1}, one off the best epoch ({best}): "
            "save the copy in the same epoch in which the best loss is measured, after train_epoch." + where,
        )
    if params != want:
        t.fail(
            step,
            "value",
            f"the model holds the weights after {params} epochs of training; the best epoch "
            f"is {best}, whose weights have seen {want}." + where,
        )
    if not quiet:
        t.passed(step, "value", f"epoch {best}'s weights, buffers included")
    device = model.linear.weight.device.type
    t.expect(
        "the model stays on its device" if not quiet else f"curve {trial}: device",
        device == t.device.split(":")[0],
        f"after the restore the model is on {device}, not {t.device}: load_state_dict copies into the "
        "existing tensors; do not replace the model or move it.",
        kind="run",
    )
