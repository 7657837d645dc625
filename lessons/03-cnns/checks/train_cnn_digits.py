"""Checker: a small CNN on the 8×8 digits, trained by the learner's own train_step.

Before any training, cheap probes catch what would otherwise only show as a bad curve:
the output shape, a softmax at the end, and a train_step that forgets zero_grad or step.
"""

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from tutor.checks import Checker
from tutor.checks.training import minibatch_epochs, probe_train_step, single_thread_on_cpu
from tutor.datasets import load_digits, split

EPOCHS = 15
BATCH = 32
TARGET = 0.94  # the reference: 0.962 at worst over 40 seeds, 0.98 on average

CHANCE_LOSS = float(np.log(10))


def _linear_size_hint(exc: BaseException) -> str | None:
    if "mat1 and mat2 shapes cannot be multiplied" in str(exc):
        return (
            "A Linear layer's in_features must equal the number of features reaching it: for an 8×8 "
            "digit, C·H·W of the last feature map after Flatten. Work it out with the output-size "
            "formula, or print x.shape just before the Linear."
        )
    return None


def check(t: Checker) -> None:
    single_thread_on_cpu(t)
    build_model = t.function("build_model")
    make_optimizer = t.function("make_optimizer")
    train_step = t.function("train_step")

    X, y = load_digits()
    X_train, X_test, y_train, y_test = split(X, y, test_fraction=0.25, seed=t.seed % 2**31)

    def tensor(a):
        return torch.tensor(a / 16.0, dtype=torch.float32).reshape(-1, 1, 8, 8).to(t.device)

    X_train, X_test = tensor(X_train), tensor(X_test)
    y_train = torch.tensor(y_train).to(t.device)
    y_test = torch.tensor(y_test).to(t.device)

    torch.manual_seed(t.seed)
    model = t.call(build_model)
    t.expect(
        "the model is an nn.Module",
        isinstance(model, nn.Module),
        f"build_model() returned {type(model).__name__}; return an nn.Module (nn.Sequential works).",
        kind="run",
    )
    t.expect(
        "the model is convolutional",
        any(isinstance(m, nn.Conv2d) for m in model.modules()),
        "there is no nn.Conv2d in your model: this exercise is about a CNN — start with a "
        "convolution over the 1×8×8 image instead of flattening it straight away.",
        kind="run",
    )
    model = model.to(t.device)

    model.eval()
    probe = X_train[:7]
    with torch.no_grad():
        out = t.call(model, probe, step="forward pass on a (7, 1, 8, 8) batch", hint=_linear_size_hint)
    model.train()
    t.expect_array("logits shape", out, shape=(7, 10), tensor=True, device=t.device)
    if bool(torch.all(out >= 0)) and bool(torch.allclose(out.sum(dim=1), torch.ones(7, device=out.device), atol=1e-4)):
        t.fail(
            "the model outputs logits",
            "value",
            "your model's outputs are probabilities (they are ≥ 0 and each row sums to 1): it ends in a "
            "softmax. F.cross_entropy applies log-softmax itself, so it wants raw scores (logits); "
            "remove the final softmax.",
        )
    t.passed("the model outputs logits", "value")

    # F.nll_loss wants log-probabilities; on raw logits it is a different loss. (On a model that ends
    # in log_softmax, as in PyTorch's MNIST example, nll_loss IS the cross-entropy: no variant then.)
    log_probs = bool(torch.allclose(out.logsumexp(dim=1), torch.zeros(7, device=out.device), atol=1e-4))
    variants = (
        {}
        if log_probs
        else {
            "your loss is F.nll_loss on raw logits: nll_loss expects log-probabilities, so on logits it just "
            "takes -logit[true class] and never normalises. Use F.cross_entropy(logits, y) (log_softmax + "
            "nll_loss in one), or end the model in log_softmax if you keep nll_loss.": F.nll_loss,
        }
    )
    probe_train_step(
        t,
        model,
        train_step,
        X_train[:16],
        y_train[:16],
        F.cross_entropy,
        loss_name="F.cross_entropy",
        variants=variants,
    )

    optimizer = t.call(make_optimizer, model)
    t.expect(
        "make_optimizer returns an optimizer",
        isinstance(optimizer, torch.optim.Optimizer),
        f"make_optimizer returned {type(optimizer).__name__}; return e.g. "
        "torch.optim.Adam(model.parameters(), lr=3e-3).",
        kind="run",
    )
    params = {id(p) for group in optimizer.param_groups for p in group["params"]}
    t.expect(
        "the optimizer updates this model",
        all(id(p) in params for p in model.parameters()),
        "the optimizer does not hold this model's parameters: build it from model.parameters() "
        "of the model passed to make_optimizer.",
        kind="run",
    )

    train_epoch = minibatch_epochs(
        t, train_step, model, optimizer, X_train, y_train, batch=BATCH, generator=torch.Generator().manual_seed(t.seed)
    )

    def epoch(i):
        loss = train_epoch(i)
        if i >= 3 and loss > CHANCE_LOSS + 0.5:
            t.fail(
                "training makes progress",
                "convergence",
                f"after {i + 1} epochs the training loss is {loss:.3g}, worse than guessing uniformly "
                f"(ln 10 ≈ {CHANCE_LOSS:.2f}): the updates are too large and keep overshooting — lower "
                "the learning rate (Adam: about 1e-3 to 3e-3; SGD: about 0.05 to 0.1).",
            )
        return loss

    def accuracy():
        model.eval()
        with torch.no_grad():
            return float((model(X_test).argmax(dim=1) == y_test).float().mean())

    t.converge(
        "held-out accuracy",
        epoch,
        steps=EPOCHS,
        target=TARGET,
        goal="above",
        final=accuracy,
        metric="loss",
        budget_s=max(1.0, t.time_left() - 3.0),
    )
    t.note(f"chance is 0.10; the reference solution reaches about 0.98 — target {TARGET}.")
