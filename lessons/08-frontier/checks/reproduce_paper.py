"""Checker: the degradation result of deep residual learning, in miniature.

1. both networks: 2·blocks + 2 Linear layers, no normalisation, the same number of parameters;
2. the shortcut, as a property: with every body layer zeroed (weights and biases), a plain network
   forgets its input and a residual one still passes it through — naming a missing shortcut in
   ResidualNet and a shortcut that crept into PlainNet;
3. both trained from the same seed with the learner's make_optimizer/train_step on the same
   generated 3-class spirals: the residual network's training loss must beat the plain one's.
"""

import numpy as np
import torch
from torch import nn

from tutor.checks import Checker
from tutor.checks.training import single_thread_on_cpu

IN, WIDTH, BLOCKS, OUT = 2, 32, 9, 3  # 1 + 2·9 + 1 = 20 weight layers
N, STEPS = 256, 200
# Reference (SGD 0.05, momentum 0.9, PyTorch's default init, no normalisation), 200 full-batch steps:
# plain stays at ln 3 ≈ 1.099 (its signal has faded to nothing after 19 ReLU layers), residual reaches
# < 0.05; measured on seeds 0, 1, 2 (prototype) and 1234, 31337 (checker).
MARGIN = 0.5  # residual ≤ plain − MARGIN
RESIDUAL_MAX = 0.6  # and the residual loss itself must be well below chance (ln 3)
NORMS = (nn.BatchNorm1d, nn.LayerNorm, nn.GroupNorm, nn.InstanceNorm1d)


def spirals(n, seed):
    rng = np.random.default_rng(seed)
    label = rng.integers(0, 3, n)
    radius = rng.uniform(0.1, 1.0, n)
    angle = label * 2 * np.pi / 3 + radius * 3.5 + rng.normal(0, 0.15, n)
    x = np.stack([radius * np.cos(angle), radius * np.sin(angle)], 1)
    return torch.tensor(x, dtype=torch.float32), torch.tensor(label)


def build(t, cls, name):
    torch.manual_seed(t.seed)
    model = t.call(cls, IN, WIDTH, BLOCKS, OUT, step=f"{name}({IN}, {WIDTH}, {BLOCKS}, {OUT}) builds")
    t.expect(
        f"{name} is an nn.Module",
        isinstance(model, nn.Module),
        f"{name}(...) gave a {type(model).__name__}; subclass torch.nn.Module.",
        kind="run",
    )
    linears = [m for _, m in model.named_modules(remove_duplicate=False) if isinstance(m, nn.Linear)]
    t.expect(
        f"{name} has {2 * BLOCKS + 2} Linear layers",
        len(linears) == 2 * BLOCKS + 2 and len({id(m) for m in linears}) == len(linears),
        f"{name}(in_dim, width, blocks={BLOCKS}, out_dim) should hold 1 + 2·{BLOCKS} + 1 = {2 * BLOCKS + 2} "
        f"distinct nn.Linear layers (20 weight layers, as in the paper's smallest nets), found "
        f"{len({id(m) for m in linears})}"
        + (
            ": a list like [nn.Linear(w, w)] * blocks repeats ONE layer; build a new one each time."
            if len({id(m) for m in linears}) < len(linears)
            else "."
        ),
        kind="run",
    )
    norms = [type(m).__name__ for m in model.modules() if isinstance(m, NORMS)]
    t.expect(
        f"{name} has no normalisation",
        not norms,
        f"{name} contains {', '.join(norms)}: this experiment is run WITHOUT normalisation (the task says "
        "so) — with it, the plain network trains too and the comparison shows something else.",
        kind="run",
    )
    return model.to(t.device)


def body_zeroed_output(model, x):
    """The output with every Linear except the first and the last set to zero."""
    linears = [m for m in model.modules() if isinstance(m, nn.Linear)]
    with torch.no_grad():
        for m in linears[1:-1]:
            m.weight.zero_()
            if m.bias is not None:
                m.bias.zero_()
        return model(x)


def check_shortcuts(t, Plain, Residual, x):
    plain = build(t, Plain, "PlainNet")
    residual = build(t, Residual, "ResidualNet")
    n_plain = sum(p.numel() for p in plain.parameters())
    n_res = sum(p.numel() for p in residual.parameters())
    t.expect(
        "both networks have the same number of parameters",
        n_plain == n_res,
        f"PlainNet has {n_plain} parameters and ResidualNet {n_res}: the comparison is only fair when the "
        "shortcut is the ONLY difference (identity shortcuts add no parameters).",
        kind="property",
    )
    with torch.no_grad():
        out = t.call(residual, x, step="ResidualNet forward on (256, 2)")
    t.expect_array("ResidualNet output: logits (N, 3)", out, shape=(len(x), OUT), tensor=True)
    spread_p = body_zeroed_output(build(t, Plain, "PlainNet"), x).std(0).max().item()
    spread_r = body_zeroed_output(build(t, Residual, "ResidualNet"), x).std(0).max().item()
    t.expect(
        "ResidualNet has identity shortcuts",
        spread_r > 1e-4,
        "with every body layer zeroed, ResidualNet's output no longer depends on its input: there is no "
        "shortcut carrying h past the blocks. Each block must ADD its input back: h = relu(h + F(h)).",
        kind="property",
    )
    t.expect(
        "PlainNet has no shortcut",
        spread_p < 1e-6,
        "with every body layer zeroed, PlainNet's output still depends on its input: something carries the "
        "signal past the layers — a shortcut that belongs to ResidualNet only.",
        kind="property",
    )


def train(t, name, cls, make_optimizer, train_step, x, y, series):
    model = build(t, cls, name)
    optimizer = t.call(make_optimizer, model)
    t.expect(
        "make_optimizer returns an optimizer",
        isinstance(optimizer, torch.optim.Optimizer),
        f"make_optimizer returned {type(optimizer).__name__}.",
        kind="run",
    )
    losses = []
    for i in range(STEPS):
        value = t.call(train_step, model, optimizer, x, y, step=f"{name}: train_step runs")
        try:
            value = float(value)
        except (TypeError, ValueError):
            t.fail(f"{name}: train_step returns the loss", "run", f"train_step returned {value!r}, not a number.")
        if not np.isfinite(value):
            t.fail(f"{name} trains", "convergence", f"{name}'s loss became {value} at step {i}.")
        losses.append(value)
        if i % 2 == 0 or i == STEPS - 1:
            t.curve(series, i, value)
    return losses


def check(t: Checker) -> None:
    single_thread_on_cpu(t)
    Plain, Residual = t.function("PlainNet"), t.function("ResidualNet")
    make_optimizer, train_step = t.function("make_optimizer"), t.function("train_step")
    x, y = (v.to(t.device) for v in spirals(N, t.seed))
    check_shortcuts(t, Plain, Residual, x)

    plain = train(t, "PlainNet", Plain, make_optimizer, train_step, x, y, "plain")
    residual = train(t, "ResidualNet", Residual, make_optimizer, train_step, x, y, "residual")
    p, r = float(np.mean(plain[-5:])), float(np.mean(residual[-5:]))
    t.note(
        f"training loss after {STEPS} steps (mean of the last 5): plain {p:.3f}, residual {r:.3f}; "
        f"chance is ln 3 = {np.log(3):.3f}."
    )
    if residual[-1] == residual[0] and plain[-1] == plain[0]:
        t.fail(
            "the residual network trains better",
            "convergence",
            "neither loss moved at all: does train_step call optimizer.step() (after loss.backward())?",
        )
    t.expect(
        "the residual network trains better",
        r <= p - MARGIN and r <= RESIDUAL_MAX,
        f"after {STEPS} steps the residual network's training loss is {r:.3f} and the plain one's {p:.3f}; "
        f"the residual one should be below {RESIDUAL_MAX} and at least {MARGIN} lower."
        + (
            " Both are low: did normalisation or a shortcut sneak into PlainNet, or does your optimizer "
            "rescue the plain net (the experiment uses plain SGD with momentum)?"
            if p < 0.6
            else " The residual network is not training either: check train_step (zero_grad, backward, step) "
            "and the learning rate."
        ),
        kind="convergence",
        plain=p,
        residual=r,
    )
