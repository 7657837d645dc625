"""Checker: SimpleNN (Linear(in, 128), ReLU, Linear(128, 10)) and a full-batch Adam `fit`, on CPU or CUDA.

1. the layers (names, sizes), then the reference weights are loaded into the
   learner's model and the outputs compared;
2. three epochs of `fit` from those weights, watched at every optimizer
   step: the optimizer (Adam, the given lr), the gradients in .grad (those of
   the mean cross-entropy on the logits), and the outputs afterwards;
3. training on the 8×8 digits, streamed step by step, judged on held-out data.
"""

import torch
import torch.nn.functional as F
from torch import nn

from tutor.checks import Checker
from tutor.checks.training import (
    check_loss_history,
    check_step_gradients,
    expect_fit_steps,
    post_step_losses,
    record_steps,
    single_thread_on_cpu,
    stream_fit,
    torch_generator,
    torch_hint,
)
from tutor.datasets import load_digits, split

IN, HIDDEN, OUT = 64, 128, 10
EPOCHS, LR = 40, 0.01
TARGET_ACCURACY = 0.90  # the reference reaches 0.94-0.98 across seeds
NAMES = ["layer1.weight", "layer1.bias", "layer2.weight", "layer2.bias"]


def _state_hint(exc):
    return (
        "name the layers `self.layer1 = nn.Linear(input_size, 128)` and "
        "`self.layer2 = nn.Linear(128, 10)`, with no other parameters."
    )


def _not_adam(opt) -> str | None:
    """The exercise's optimizer rule: torch.optim.Adam with the given lr and default settings."""
    if type(opt) is not torch.optim.Adam:
        return f"fit uses {type(opt).__name__}; the exercise asks for torch.optim.Adam(model.parameters(), lr=lr)."
    group = opt.param_groups[0]
    if group["lr"] != LR:
        return (
            f"the optimizer's learning rate is {group['lr']}, but fit was called with lr={LR}: pass "
            "lr=lr to Adam (its default is 0.001)."
        )
    defaults = {"betas": (0.9, 0.999), "eps": 1e-8, "weight_decay": 0, "amsgrad": False}
    changed = {k: group.get(k) for k, v in defaults.items() if k in group and group[k] != v}
    if changed:
        return f"Adam's settings besides lr should be the defaults; you changed {changed}."
    return None


def check(t: Checker) -> None:
    SimpleNN = t.function("SimpleNN")
    fit = t.function("fit")
    dev = t.device
    single_thread_on_cpu(t)
    rtol, atol = t.float_tolerances()

    # ---- structure ----------------------------------------------------------
    model = t.call(SimpleNN, IN, step="SimpleNN(64) runs")
    t.expect(
        "SimpleNN is an nn.Module",
        isinstance(model, nn.Module),
        f"SimpleNN(64) gave a {type(model).__name__}; subclass nn.Module and call "
        "super().__init__() first in __init__.",
        kind="shape",
    )
    for name, (n_in, n_out) in {"layer1": (IN, HIDDEN), "layer2": (HIDDEN, OUT)}.items():
        layer = getattr(model, name, None)
        if layer is None:
            t.fail(
                f"{name} is nn.Linear({n_in}, {n_out})",
                "shape",
                f"model.{name} is missing: name the layers self.layer1 = nn.Linear(input_size, 128) and "
                "self.layer2 = nn.Linear(128, 10) — the checker loads weights by these names.",
            )
        if not isinstance(layer, nn.Linear):
            t.fail(
                f"{name} is nn.Linear({n_in}, {n_out})",
                "shape",
                f"model.{name} is a {type(layer).__name__}; define self.{name} = nn.Linear({n_in}, {n_out}).",
            )
        t.expect(
            f"{name} is nn.Linear({n_in}, {n_out})",
            (layer.in_features, layer.out_features) == (n_in, n_out),
            f"model.{name} is nn.Linear({layer.in_features}, {layer.out_features}); it should be "
            f"nn.Linear({n_in}, {n_out})"
            + (" (input_size is the constructor's argument)" if name == "layer1" else "")
            + ".",
            kind="shape",
        )
    extra = sorted(set(name for name, _ in model.named_parameters()) - set(NAMES))
    t.expect(
        "no other parameters",
        not extra,
        f"the model has parameters besides layer1 and layer2: {extra}; SimpleNN is exactly Linear -> ReLU -> Linear.",
        kind="shape",
    )

    # ---- outputs with the reference weights ---------------------------------
    ref = t.reference.SimpleNN(IN)
    t.call(model.load_state_dict, ref.state_dict(), step="the reference weights load", hint=_state_hint)
    model.to(dev)
    ref.to(dev)
    X = torch.rand(16, IN, generator=torch_generator(t)).to(dev)
    out = t.call(model, X, step="forward runs", hint=torch_hint)
    t.expect_array("forward: shape and device", out, shape=(16, OUT), tensor=True, device=dev)
    with torch.no_grad():
        z1 = ref.layer1(X)
        logits = ref.layer2(torch.relu(z1))
        mistakes = {
            "the ReLU between the layers is missing: two Linear layers in a row are one linear map. "
            "forward is layer2(relu(layer1(x))).": ref.layer2(z1),
            "forward returns softmax probabilities. Return the raw logits: nn.CrossEntropyLoss applies "
            "log-softmax itself, so a softmax in the model is applied twice.": F.softmax(logits, dim=1),
            "forward returns log-softmax; return the raw logits (nn.CrossEntropyLoss applies log-softmax).": F.log_softmax(
                logits, dim=1
            ),
            "the hidden activation should be ReLU, not sigmoid.": ref.layer2(torch.sigmoid(z1)),
            "forward applies ReLU to the output as well; the logits come straight from layer2.": torch.relu(logits),
        }
    t.expect_close(
        "forward: logits with the reference weights", out, logits, rtol=rtol, atol=atol, tensor=True, mistakes=mistakes
    )

    # ---- fit, watched step by step -----------------------------------------
    digits_X, digits_y = load_digits()
    digits_X = digits_X / 16.0
    pick = t.rng.choice(len(digits_X), size=96, replace=False)
    Xs = torch.tensor(digits_X[pick], dtype=torch.float32, device=dev)
    ys = torch.tensor(digits_y[pick], dtype=torch.int64, device=dev)
    init = {k: v.detach().clone() for k, v in ref.state_dict().items()}
    model.load_state_dict(init)
    records, steps, history = record_steps(
        t,
        model,
        fit,
        model,
        Xs,
        ys,
        3,
        LR,
        keep=3,
        step="fit runs (3 epochs from the reference weights)",
        hint=torch_hint,
    )
    expect_fit_steps(
        t,
        "fit: one Adam step per epoch",
        records,
        steps,
        epochs=3,
        no_step="create torch.optim.Adam(model.parameters(), lr=lr) and call optimizer.step() every epoch.",
        optimizer_problem=_not_adam,
    )

    def grad_of(params, variant):
        ps = {k: v.detach().clone().requires_grad_(True) for k, v in params.items()}
        with torch.enable_grad():
            out = torch.func.functional_call(ref, ps, (Xs,))
            if variant == "right":
                loss = F.cross_entropy(out, ys)
            elif variant == "double_softmax":
                loss = F.cross_entropy(F.softmax(out, dim=1), ys)
            elif variant == "nll_on_logits":
                loss = F.nll_loss(out, ys)
            elif variant == "mse":
                loss = F.mse_loss(out, F.one_hot(ys, OUT).float())
            else:
                raise ValueError(variant)
            grads = torch.autograd.grad(loss, list(ps.values()))
        return dict(zip(ps, grads, strict=True))

    check_step_gradients(
        t,
        "fit: gradients of the cross-entropy on the logits",
        records,
        grad_of,
        {
            "double_softmax": "the gradient is that of CrossEntropyLoss applied to softmax(logits): a double "
            "softmax. nn.CrossEntropyLoss takes the raw logits; remove the softmax in fit.",
            "nll_on_logits": "you used NLLLoss on raw logits; NLLLoss expects log-probabilities. Use "
            "nn.CrossEntropyLoss on the logits (it is log_softmax + NLLLoss).",
            "mse": "that is the gradient of MSE against one-hot targets; this is classification: "
            "nn.CrossEntropyLoss on the logits.",
        },
        n=len(Xs),
        loss_name="nn.CrossEntropyLoss on model(X) against y",
        zero_message="optimizer.zero_grad() must come before loss.backward(), not between "
        "loss.backward() and optimizer.step().",
    )
    check_loss_history(t, history, 3)

    after = t.call(model, Xs, step="forward runs", hint=torch_hint)
    twin = t.reference.SimpleNN(IN).to(dev)
    twin.load_state_dict(init)
    t.reference.fit(twin, Xs, ys, 3, LR)
    with torch.no_grad():
        expected = twin(Xs)
    # The same 3 epochs with a fresh Adam each epoch: its moment estimates start over at every step.
    fresh = t.reference.SimpleNN(IN).to(dev)
    fresh.load_state_dict(init)
    for _ in range(3):
        optimizer = torch.optim.Adam(fresh.parameters(), lr=LR)
        optimizer.zero_grad()
        F.cross_entropy(fresh(Xs), ys).backward()
        optimizer.step()
    with torch.no_grad():
        restarted = fresh(Xs)
    loose = (5e-2, 5e-2) if t.on_gpu else (1e-4, 1e-5)
    t.expect_close(
        "fit: outputs after 3 epochs match the reference's",
        after,
        expected,
        rtol=loose[0],
        atol=loose[1],
        tensor=True,
        mistakes={
            "you create a new Adam optimizer inside the epoch loop, so its running averages of the gradients "
            "start over at every step (each step is then a plain sign-like step of size lr). Create the "
            "optimizer once, before the loop.": restarted,
        },
    )

    # ---- training on the digits -------------------------------------------
    X_train, X_test, y_train, y_test = split(digits_X, digits_y, 0.25, seed=t.seed % 2**32)
    Xtr = torch.tensor(X_train, dtype=torch.float32, device=dev)
    ytr = torch.tensor(y_train, dtype=torch.int64, device=dev)
    Xte = torch.tensor(X_test, dtype=torch.float32, device=dev)
    yte = torch.tensor(y_test, dtype=torch.int64, device=dev)

    torch.manual_seed(t.seed)
    ref_model = t.reference.SimpleNN(IN).to(dev)
    reference = post_step_losses(
        lambda: t.reference.fit(ref_model, Xtr, ytr, EPOCHS, LR), lambda: F.cross_entropy(ref_model(Xtr), ytr)
    )

    torch.manual_seed(t.seed + 1)
    learner_model = t.call(SimpleNN, IN, step="SimpleNN(64) runs").to(dev)

    def accuracy():
        with torch.no_grad():
            return float((learner_model(Xte).argmax(dim=1) == yte).float().mean())

    with stream_fit(
        t,
        lambda: fit(learner_model, Xtr, ytr, EPOCHS, LR),
        lambda: F.cross_entropy(learner_model(Xtr), ytr),
        name="training on 8×8 digits",
        epochs=EPOCHS,
    ) as stream:
        t.converge(
            f"{EPOCHS} epochs of Adam (lr {LR}) on 8×8 digits: held-out accuracy",
            stream.next,
            steps=EPOCHS,
            target=TARGET_ACCURACY,
            goal="above",
            final=accuracy,
            metric="loss",
            reference=reference,
            budget_s=20,
        )
