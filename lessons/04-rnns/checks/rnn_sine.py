"""Checker: an nn.RNN model that continues a noisy sine wave, trained by the learner's train_step.

Probes before training catch, with a clear message, what would otherwise be a flat curve:
the output shape, batch_first confusion (samples leaking into each other), reading the first
instead of the last hidden state, a loss that broadcasts (N, 1) against (N,), and zero_grad.
"""

import warnings

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from tutor.checks import Checker
from tutor.checks.training import minibatch_epochs, probe_train_step, single_thread_on_cpu

T = 24  # steps the model reads
SIGMA = 0.05  # noise on every sample
EPOCHS = 30
BATCH = 64
TARGET = 0.02  # test MSE; the reference: 0.012 at worst over 30 seeds. Repeating the last input: ~0.065.


def make_data(rng, n):
    """Windows of sin(ω t + φ) + noise; the target is the next (noisy) value."""
    omega = rng.uniform(0.25, 0.45, size=(n, 1))
    phase = rng.uniform(0, 2 * np.pi, size=(n, 1))
    steps = np.arange(T + 1)[None]
    wave = np.sin(omega * steps + phase) + SIGMA * rng.normal(size=(n, T + 1))
    x = torch.tensor(wave[:, :T, None], dtype=torch.float32)
    y = torch.tensor(wave[:, T], dtype=torch.float32)
    return x, y


def mse(pred, y):
    return F.mse_loss(pred.squeeze(-1), y)


def broadcast_mse(pred, y):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return F.mse_loss(pred, y)


def shape_probe(t, model, x):
    with torch.no_grad():
        out = t.call(model, x, step="forward pass on a (5, 24, 1) batch")
    n = x.shape[0]
    if torch.is_tensor(out) and tuple(out.shape) != (n, 1):
        shape = tuple(out.shape)
        rnn = next((m for m in model.modules() if isinstance(m, nn.RNNBase)), None)
        batch_first = bool(getattr(rnn, "batch_first", False))
        known = {
            (1, n, 1): "h_n has a leading (num_layers) axis: use h_n[-1], or out[:, -1], before the head.",
            (n, T, 1): "the head was applied at every time step; predict from the LAST one only: out[:, -1].",
            (n,): "keep the feature axis: the model returns (N, 1), like the Linear head gives it.",
            (T, 1): (
                "out[-1] is the last SEQUENCE of the batch; with batch_first=True time is axis 1: out[:, -1]."
                if batch_first
                else "nn.RNN read your (N, T, 1) batch as (T, N, 1) — time-major is its default. Pass "
                "batch_first=True when you create it."
            ),
        }
        if shape in known:
            t.fail(
                "output shape",
                "shape",
                f"expected ({n}, 1), got {shape}: {known[shape]}",
                expected=[n, 1],
                got=list(shape),
            )
    t.expect_array("output shape", out, shape=(n, 1), tensor=True, device=t.device)
    return out


def _reads_earlier_states(model, x):
    """True if the prediction changes when every state of the top nn.RNN except the last is replaced.

    The top layer is the recurrent module called last; a head on out[:, -1] or h_n[-1] never sees
    its other states, so scrambling them must leave the prediction as it was.
    """
    called = []
    handles = [
        m.register_forward_hook(lambda m, args, out: called.append(m))
        for m in model.modules()
        if isinstance(m, nn.RNNBase)
    ]
    try:
        base = model(x)
    finally:
        for h in handles:
            h.remove()
    if not called:
        return False
    top = called[-1]

    def scramble(module, args, output):
        out, h_n = output
        if not torch.is_tensor(out) or out.dim() != 3:
            return None
        time_axis = 1 if module.batch_first else 0
        steps = out.shape[time_axis]
        early = out.narrow(time_axis, 0, steps - 1)
        noise = torch.randn(early.shape, generator=torch.Generator().manual_seed(0)).to(out)
        return torch.cat([early + 3.0 * noise, out.narrow(time_axis, steps - 1, 1)], dim=time_axis), h_n

    handle = top.register_forward_hook(scramble)
    try:
        moved = model(x)
    finally:
        handle.remove()
    return not torch.allclose(moved, base, atol=1e-6, rtol=1e-5)


def check(t: Checker) -> None:
    single_thread_on_cpu(t)
    Model = t.function("SineRNN")
    make_optimizer = t.function("make_optimizer")
    train_step = t.function("train_step")

    rng = np.random.default_rng(t.seed)
    x_train, y_train = (v.to(t.device) for v in make_data(rng, 512))
    x_test, y_test = (v.to(t.device) for v in make_data(rng, 256))

    torch.manual_seed(t.seed)
    model = t.call(Model, step="SineRNN() builds")
    t.expect(
        "SineRNN is an nn.Module",
        isinstance(model, nn.Module),
        f"SineRNN() gave a {type(model).__name__}; subclass torch.nn.Module.",
        kind="run",
    )
    gated = sorted({type(m).__name__ for m in model.modules() if isinstance(m, nn.LSTM | nn.GRU)})
    t.expect(
        "it uses nn.RNN",
        any(isinstance(m, nn.RNN) for m in model.modules()),
        f"your model uses nn.{' and nn.'.join(gated)}, not nn.RNN: this exercise asks for the vanilla "
        "torch.nn.RNN (the gated cells are the lesson before; here the plain recurrence is the point)."
        if gated
        else "there is no nn.RNN in your model: build the recurrence with torch.nn.RNN.",
        kind="run",
    )
    model = model.to(t.device)
    model.eval()

    probe = x_train[:5].clone()
    base = shape_probe(t, model, probe)
    with torch.no_grad():
        bumped = probe.clone()
        bumped[0] += 1.0
        others = model(bumped)[1:]
        t.expect(
            "samples do not influence each other",
            torch.allclose(others, base[1:], atol=1e-6, rtol=1e-5),
            "changing sample 0 changed the predictions for samples 1-4: the batch got mixed into the "
            "time axis. nn.RNN expects (T, N, features) unless created with batch_first=True, and your "
            "input is (N, T, 1).",
            kind="property",
        )
        last = probe.clone()
        last[:, -1] += 1.0
        moved = (model(last) - base).abs().max().item()
        t.expect(
            "the prediction reads the last time step",
            moved > 1e-6,
            "changing the LAST input value did not change the prediction at all: you are reading an early "
            "hidden state — out[:, 0] is the state after the FIRST step. Use out[:, -1] (or h_n[-1]), the "
            "state that has seen the whole window.",
            kind="property",
        )
        # Short windows: over 24 steps an untrained RNN forgets its initial state almost entirely.
        short = probe[:, -3:].clone()
        first, again = model(short), model(short.clone())
        t.expect(
            "the same window gives the same prediction",
            torch.allclose(again, first, atol=1e-6, rtol=1e-5),
            "calling the model twice on the same windows gave different predictions: it carries its hidden "
            "state from one call into the next (like a stateful, truncated-BPTT char-RNN). Every window here "
            "is a separate sequence: start each call from a zero state (out, _ = self.rnn(x)) and keep no "
            "state on the model.",
            kind="property",
        )
        reads_earlier = _reads_earlier_states(model, probe)
        t.expect(
            "the head reads only the state after the last step",
            not reads_earlier,
            "changing the hidden states of the steps BEFORE the last one changed the prediction: the head "
            "reads more than the final state (out.mean(dim=1), out.sum(dim=1) or a flattened out?). Put the "
            "Linear head on the state after the LAST step only: out[:, -1] (or h_n[-1]).",
            kind="property",
        )
    model.train()

    probe_train_step(
        t,
        model,
        train_step,
        x_train[:16],
        y_train[:16],
        mse,
        loss_name="F.mse_loss(pred.squeeze(-1), y)",
        variants={
            "your loss compares predictions of shape (N, 1) with targets of shape (N,): broadcasting "
            "turns that into an (N, N) table of every prediction against every target, and the model "
            "learns to predict the average. Squeeze the prediction (pred.squeeze(-1)) or unsqueeze "
            "the target first.": broadcast_mse,
        },
    )

    optimizer = t.call(make_optimizer, model)
    t.expect(
        "make_optimizer returns an optimizer",
        isinstance(optimizer, torch.optim.Optimizer),
        f"make_optimizer returned {type(optimizer).__name__}; return e.g. "
        "torch.optim.Adam(model.parameters(), lr=1e-2).",
        kind="run",
    )

    epoch = minibatch_epochs(
        t, train_step, model, optimizer, x_train, y_train, batch=BATCH, generator=torch.Generator().manual_seed(t.seed)
    )

    def test_mse():
        model.eval()
        with torch.no_grad():
            return float(mse(model(x_test), y_test))

    t.converge(
        "held-out MSE",
        epoch,
        steps=EPOCHS,
        target=TARGET,
        goal="below",
        final=test_mse,
        metric="loss",
        budget_s=max(1.0, t.time_left() - 3.0),
    )
    t.note(
        f"the noise alone costs {SIGMA**2:.4f}; repeating the last input scores about 0.065; predicting 0 about 0.5."
    )
