"""Checker: a 3 -> 4 -> 2 -> 1 classifier (ReLU, ReLU, Sigmoid) trained with binary cross-entropy.

1. make_model(): three nn.Linear layers of the right sizes; with weights the
   checker sets, the output must be sigmoid(L3(relu(L2(relu(L1(x)))))).
2. fit(model, X, y, epochs): one optimizer step per epoch on the whole data
   set; the gradients in .grad must be those of the mean BCE.
3. training on generated 3-feature data, streamed, judged on held-out data.
   A 2-unit ReLU layer can die (every unit outputs 0 for every input, and
   no gradient flows again); when that happens in the first steps, the
   checker starts over with a fresh make_model(), up to three times.
"""

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from tutor.checks import Checker
from tutor.checks.training import (
    FitStream,
    check_loss_history,
    check_step_gradients,
    expect_fit_steps,
    post_step_losses,
    record_steps,
    single_thread_on_cpu,
    torch_generator,
    torch_hint,
)

SIZES = [(3, 4), (4, 2), (2, 1)]
EPOCHS = 300
TARGET_ACCURACY = 0.90  # the reference reaches 0.97-1.0 once its network is alive
RESTARTS = 3
RESTART_WITHIN = 50  # steps: deaths happen early
# After PROBE_STEPS steps every setup that reaches the target has lowered the loss by >= 1.3 %
# (Adam lr 0.003, SGD lr 0.05 on the slowest seeds); SGD at lr 0.001 by about 0.1 %. Judged this
# early so that a stalled run is named before a busy machine's time limit can cut it short.
PROBE_STEPS, PROBE_MIN_DROP = 20, 0.005


def _linears(model):
    """The model's nn.Linear layers, ordered 3→4, 4→2, 2→1 when those are the sizes (in any order)."""
    layers = [m for m in model.modules() if isinstance(m, nn.Linear)]
    by_size = {(m.in_features, m.out_features): m for m in layers}
    if sorted(by_size) == sorted(SIZES) and len(layers) == len(SIZES):
        return [by_size[size] for size in SIZES]
    return layers


def _set_weights(layers, weights):
    with torch.no_grad():
        for layer, (W, b) in zip(layers, weights, strict=True):
            layer.weight.copy_(W)
            layer.bias.copy_(b)


def _hidden(weights, X):
    (W1, b1), (W2, b2), _ = weights
    z1 = X @ W1.T + b1
    z2 = torch.relu(z1) @ W2.T + b2
    return z1, z2


def _bce(p, y):
    """Mean BCE as nn.BCELoss computes it (logs clamped at -100); NaN stays NaN."""
    return -(y * torch.clamp(torch.log(p), min=-100) + (1 - y) * torch.clamp(torch.log(1 - p), min=-100)).mean()


def _data(t, n, dev):
    X = t.rng.normal(size=(n, 3))
    y = (X[:, 0] + 2 * X[:, 1] - X[:, 2] > 0).astype(float)[:, None]
    return (torch.tensor(X, dtype=torch.float32, device=dev), torch.tensor(y, dtype=torch.float32, device=dev))


def _weights(gen, X, dev):
    """Random weights whose ReLUs matter on X: some pre-activations negative, both 2-layer units alive."""
    while True:
        weights = [(torch.randn(o, i, generator=gen), torch.randn(o, generator=gen) * 0.5) for i, o in SIZES]
        weights = [(W.to(dev), b.to(dev)) for W, b in weights]
        z1, z2 = _hidden(weights, X)
        (W3, b3) = weights[2]
        z3 = torch.relu(z2) @ W3.T + b3  # both signs: a ReLU before the Sigmoid shows as outputs stuck at 0.5
        if (
            (z1 < 0).any()
            and (z1 > 0).any()
            and ((z2 > 0).any(dim=0)).all()
            and (z2 < 0).any()
            and (z3 < 0).any()
            and (z3 > 0).any()
        ):
            return weights


def _dead(layers, X):
    """True if every unit of the 2-unit layer outputs 0 for every input."""
    with torch.no_grad():
        h2 = torch.relu(layers[1](torch.relu(layers[0](X))))
    return bool((h2 <= 0).all())


def check(t: Checker) -> None:
    make_model = t.function("make_model")
    fit = t.function("fit")
    dev = t.device
    single_thread_on_cpu(t)
    gen = torch_generator(t)
    model, layers = _check_architecture(t, make_model, dev)
    _check_known_outputs(t, model, layers, gen, dev)
    _check_fit_steps(t, model, layers, fit, gen, dev)
    _check_training(t, make_model, fit, dev)


def _check_architecture(t: Checker, make_model, dev):
    """An nn.Module of Linear(3, 4), Linear(4, 2), Linear(2, 1); returns it (moved to `dev`) and its layers."""
    model = t.call(make_model, step="make_model() runs")
    t.expect(
        "make_model returns an nn.Module",
        isinstance(model, nn.Module),
        f"make_model() returned {type(model).__name__}; return an nn.Module (nn.Sequential is fine).",
        kind="shape",
    )
    layers = _linears(model)
    sizes = [(m.in_features, m.out_features) for m in layers]
    t.expect(
        "three Linear layers: 3→4, 4→2, 2→1",
        sizes == SIZES,
        f"the model's nn.Linear layers are {', '.join(f'{i}→{o}' for i, o in sizes) or 'none'}; it "
        "should have exactly three: Linear(3, 4), Linear(4, 2), Linear(2, 1).",
        kind="shape",
    )
    model.to(dev)
    return model, layers


def _check_known_outputs(t: Checker, model, layers, gen, dev) -> None:
    """With the checker's weights the output is sigmoid(L3(relu(L2(relu(L1(x)))))); layer mistakes are named."""
    rtol, atol = t.float_tolerances()
    X = torch.randn(32, 3, generator=gen).to(dev)
    weights = _weights(gen, X, dev)
    _set_weights(layers, weights)
    out = t.call(model, X, step="model(X) runs", hint=torch_hint)
    t.expect_array("output: shape (n, 1) and device", out, shape=(32, 1), tensor=True, device=dev)
    (W1, b1), (W2, b2), (W3, b3) = weights
    with torch.no_grad():
        z1 = X @ W1.T + b1
        h1 = torch.relu(z1)
        z2 = h1 @ W2.T + b2
        z3 = torch.relu(z2) @ W3.T + b3
        mistakes = {
            "the output is not squashed: the model must end with nn.Sigmoid() so that it outputs a "
            "probability (BCELoss expects values in (0, 1)).": z3,
            "both ReLUs are missing: Linear layers in a row collapse into one linear map. Put nn.ReLU() "
            "after the first and the second Linear.": torch.sigmoid((z1 @ W2.T + b2) @ W3.T + b3),
            "the ReLU after the first Linear (3→4) is missing.": torch.sigmoid(torch.relu(z1 @ W2.T + b2) @ W3.T + b3),
            "the ReLU after the second Linear (4→2) is missing.": torch.sigmoid(z2 @ W3.T + b3),
            "the output layer ends in a ReLU; it needs a Sigmoid to output a probability.": torch.relu(z3),
            "a ReLU sits between the last Linear and the Sigmoid: the sigmoid's input is then never negative, "
            "so every output is at least 0.5 and class 0 can never be predicted. Use ReLU only after the first "
            "two Linear layers.": torch.sigmoid(torch.relu(z3)),
            "every output is exactly 1: a softmax over a single output (nn.Softmax(dim=1) on an (n, 1) "
            "column) is always 1. For one probability use nn.Sigmoid().": torch.ones_like(z3),
            "the hidden layers use Sigmoid; this network uses ReLU there and a Sigmoid only at the output.": torch.sigmoid(
                torch.sigmoid(torch.sigmoid(z1) @ W2.T + b2) @ W3.T + b3
            ),
        }
    t.expect_close(
        "output: sigmoid(L3(relu(L2(relu(L1(x))))))",
        out,
        torch.sigmoid(z3),
        rtol=rtol,
        atol=atol,
        tensor=True,
        mistakes=mistakes,
    )


def _fit_hint(exc):
    if "modified by an inplace operation" in str(exc):
        return (
            "backward ran on a graph whose weights optimizer.step() has since changed in place: the loss was "
            "built once, before the epoch loop (retain_graph=True only hides the first error). Compute "
            "loss = loss_fn(model(X), y) inside the loop, every epoch."
        )
    return torch_hint(exc)


def _check_fit_steps(t: Checker, model, layers, fit, gen, dev) -> None:
    """fit, watched step by step: one optimizer step per epoch, each with the binary cross-entropy's gradient."""
    Xs, ys = _data(t, 64, dev)
    _set_weights(layers, _weights(gen, Xs, dev))
    records, steps, history = record_steps(
        t, model, fit, model, Xs, ys, 3, keep=3, step="fit runs (3 epochs)", hint=_fit_hint
    )
    expect_fit_steps(
        t,
        "fit: one optimizer step per epoch",
        records,
        steps,
        epochs=3,
        no_step="make an optimizer from torch.optim (e.g. Adam(model.parameters(), lr=0.05)) "
        "and call optimizer.step() every epoch.",
    )

    param_names = [n for n, _ in model.named_parameters()]

    def grad_of(params, variant):
        ps = {k: v.detach().clone().requires_grad_(True) for k, v in params.items()}
        with torch.enable_grad():
            p = torch.func.functional_call(model, ps, (Xs,))
            if variant == "right":
                loss = F.binary_cross_entropy(p, ys)
            elif variant == "mse":
                loss = F.mse_loss(p, ys)
            elif variant == "double_sigmoid":
                loss = F.binary_cross_entropy_with_logits(p, ys)
            else:
                raise ValueError(variant)
            grads = torch.autograd.grad(loss, [ps[k] for k in param_names])
        return dict(zip(param_names, grads, strict=True))

    check_step_gradients(
        t,
        "fit: gradients of the binary cross-entropy",
        records,
        grad_of,
        {
            "mse": "that is the gradient of the mean squared error; a classifier with a sigmoid output is "
            "trained with binary cross-entropy: nn.BCELoss().",
            "double_sigmoid": "you used BCEWithLogitsLoss on a model that already ends in a Sigmoid, so the "
            "sigmoid is applied twice. With a Sigmoid in the model, use nn.BCELoss().",
        },
        n=len(Xs),
        loss_name="nn.BCELoss on model(X) against y",
        zero_message="either optimizer.zero_grad() sits between loss.backward() and optimizer.step(), or "
        "the loss is constant — nn.CrossEntropyLoss over a single output column is always 0. "
        "Use nn.BCELoss() for one sigmoid output.",
    )
    check_loss_history(t, history, 3)


def _reference_curve(t: Checker, Xtr, ytr, dev):
    """A reference loss curve from a network that did not die (None if four tries all died)."""
    for attempt in range(4):  # a reference curve from a network that did not die
        torch.manual_seed(t.seed + 1000 * attempt)
        ref_model = t.reference.make_model().to(dev)
        curve = post_step_losses(
            lambda m=ref_model: t.reference.fit(m, Xtr, ytr, EPOCHS), lambda m=ref_model: _bce(m(Xtr), ytr)
        )
        if curve and curve[-1] < 0.3:
            return curve
    return None


def _check_training(t: Checker, make_model, fit, dev) -> None:
    """Full training reaches the held-out accuracy; a 2-unit layer that dies early restarts it."""
    X_all, y_all = _data(t, 600, dev)
    Xtr, ytr, Xte, yte = X_all[:400], y_all[:400], X_all[400:], y_all[400:]

    reference = _reference_curve(t, Xtr, ytr, dev)

    state = {"model": None, "layers": None, "stream": None, "start": 0, "restarts": 0, "initial": None}

    def launch(i):
        torch.manual_seed(t.seed + 7 + i)
        m = t.call(make_model, step="make_model() runs").to(dev)
        with torch.no_grad():
            initial = float(_bce(m(Xtr), ytr))
        state.update(model=m, layers=_linears(m), start=i, initial=initial)
        state["stream"] = FitStream(
            t, lambda: fit(m, Xtr, ytr, EPOCHS), lambda: _bce(m(Xtr), ytr), name="training", epochs=EPOCHS
        ).start()

    def step(i):
        value = state["stream"].next(i - state["start"])
        if np.isfinite(value) and value > max(5.0, 10 * state["initial"]):
            t.fail(
                "training",
                "convergence",
                f"the loss diverged: {state['initial']:.3g} before training, {value:.3g} after step {i}. The "
                "learning rate is far too high: the weights jump past the minimum and the sigmoid "
                "saturates. Try Adam with lr around 0.01-0.05.",
            )
        if i - state["start"] < RESTART_WITHIN and state["restarts"] < RESTARTS and _dead(state["layers"], Xtr):
            state["stream"].stop()
            state["restarts"] += 1
            t.note(
                f"step {i}: the 2-unit ReLU layer died (both units output 0 for every input, so no "
                "gradient reaches the layers below). That happens to tiny ReLU networks by bad luck; "
                "starting again with a fresh make_model()."
            )
            launch(i + 1)
        elif i - state["start"] == PROBE_STEPS - 1 and value > (1 - PROBE_MIN_DROP) * state["initial"]:
            t.fail(
                "training",
                "convergence",
                f"after {PROBE_STEPS} optimizer steps the loss is {value:.4g}; it was {state['initial']:.4g} before "
                f"training, so it has not fallen even {PROBE_MIN_DROP:.1%} (setups that reach the target have "
                "lowered it by more than 1 % by now). The usual cause is a learning rate far too small: plain "
                "SGD with lr=0.001 barely moves this network in 300 steps. Try Adam with lr 0.01-0.05, or SGD "
                "with lr 0.1-1.",
            )
        return value

    def accuracy():
        m = state["model"]
        if _dead(state["layers"], Xtr):
            t.fail(
                "training",
                "convergence",
                f"the network died again after {state['restarts']} fresh starts: both units of the "
                "2-unit ReLU layer output 0 for every input, so the output is constant and nothing "
                "learns. Dying this reliably points at the training: usually a learning rate far too "
                "high (try Adam with lr 0.01-0.05).",
            )
        with torch.no_grad():
            return float(((m(Xte) > 0.5).float() == yte).float().mean())

    launch(0)
    try:
        t.converge(
            f"{EPOCHS} epochs on 3-feature data: held-out accuracy",
            step,
            steps=EPOCHS,
            target=TARGET_ACCURACY,
            goal="above",
            final=accuracy,
            metric="loss",
            reference=reference,
            budget_s=25,
        )
    finally:
        state["stream"].stop()
