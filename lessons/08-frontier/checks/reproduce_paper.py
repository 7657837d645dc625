"""Checker: the degradation result of deep residual learning, in miniature.

1. both networks: 2·blocks + 2 Linear layers, no normalisation, the same number of parameters;
2. the shortcut, as a property: with every body layer zeroed (weights and biases), a plain network
   forgets its input and a residual one still passes it through — naming a missing shortcut in
   ResidualNet and a shortcut that crept into PlainNet;
3. PyTorch's default init (every weight and bias within ±1/√fan_in, biases not zeroed);
4. the forward pass against the task's formulas: the Linear layers are found in the order forward calls
   them (hooks), given known weights, and the output compared with the formula computed here, up to a
   constant per row (log-softmax outputs are logits too) — naming a missing ReLU, a ReLU in the wrong
   place, a shortcut around each layer, softmax outputs;
5. make_optimizer is SGD with momentum over all parameters; one train_step is probed (probe_train_step):
   one clean step of cross-entropy, the loss returned as a number;
6. both trained from the same seed with the learner's make_optimizer/train_step on the same
   generated 3-class spirals: the residual network's training loss must beat the plain one's.
"""

import math

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from tutor.checks import Checker
from tutor.checks.training import probe_train_step, single_thread_on_cpu

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


def linear_layers(model):
    return [m for m in model.modules() if isinstance(m, nn.Linear)]


def check_default_init(t, model, name):
    """nn.Linear's own init: weights and biases uniform in ±1/√fan_in (kaiming_uniform_ with a=√5)."""
    layers = linear_layers(model)
    # the largest |weight| or |bias| of each layer, in units of its bound 1/√fan_in
    ratio = max(float(max(p.detach().abs().max() for p in m.parameters()) * math.sqrt(m.in_features)) for m in layers)
    zero_biases = sum(m.bias is not None and not bool(m.bias.detach().any()) for m in layers)
    body = [m.weight.detach().reshape(-1) for m in layers if m.in_features == m.out_features == WIDTH]
    std, want = (float(torch.cat(body).std()) if body else 0.0), 1 / math.sqrt(3 * WIDTH)
    problems = []
    if ratio > 1 + 1e-5:
        problems.append(f"some weights reach {ratio:.1f}× that bound")
    if zero_biases:
        problems.append(f"the biases of {zero_biases} layers are all zero")
    if body and not 0.8 * want <= std <= 1.2 * want:
        problems.append(f"the hidden weights have std {std:.3f} instead of about {want:.3f}")
    t.expect(
        f"{name} keeps PyTorch's default init",
        not problems,
        f"{name}'s Linear layers are not at PyTorch's default init: nn.Linear draws weights and biases "
        f"from U(-1/√fan_in, 1/√fan_in) (±{1 / math.sqrt(WIDTH):.3f} for width {WIDTH}), but "
        f"{' and '.join(problems)}. The task keeps the default init — no nn.init.kaiming_/xavier_/zeros_: "
        "the experiment is what depth does to a default-initialised network.",
        kind="property",
    )


# ---- the forward pass against the task's formulas ----------------------------------------
def relu(z):
    return torch.relu(z)


def plain_block(h, a, b):
    return relu(b(relu(a(h))))


def residual_block(h, a, b):
    return relu(h + b(relu(a(h))))


def each_layer_skipped(h, a, b):
    h = relu(h + a(h))
    return relu(h + b(h))


BLOCK_MISTAKES = {
    "PlainNet": {
        "the ReLU between the block's two layers is missing: the plain block is relu(B(relu(A(h)))).": (
            lambda h, a, b: relu(b(a(h)))
        ),
        "the ReLU at the end of each block is missing: the plain block is relu(B(relu(A(h)))).": (
            lambda h, a, b: b(relu(a(h)))
        ),
        "PlainNet adds h back in every block — that is the residual block; PlainNet has no shortcut.": residual_block,
    },
    "ResidualNet": {
        "the ReLU after the addition is missing: the residual block is h = relu(h + B(relu(A(h)))) — add "
        "first, then ReLU.": lambda h, a, b: h + b(relu(a(h))),
        "the ReLU is applied to the branch BEFORE the addition (h + relu(B(...))); the residual block is "
        "relu(h + B(relu(A(h)))): add first, then ReLU.": lambda h, a, b: h + relu(b(relu(a(h)))),
        "the shortcut goes around each single Linear layer; in the task (and the paper) it goes around "
        "the PAIR: h = relu(h + B(relu(A(h)))).": each_layer_skipped,
        "the ReLU between the block's two layers is missing: the residual block is relu(h + B(relu(A(h)))).": (
            lambda h, a, b: relu(h + b(a(h)))
        ),
        "that is the pre-activation block (ReLU before each layer, none after the addition); the task "
        "uses the original block, h = relu(h + B(relu(A(h)))).": lambda h, a, b: h + b(relu(a(relu(h)))),
        "ResidualNet's blocks have no shortcut: h = relu(h + B(relu(A(h)))) adds h back.": plain_block,
    },
}
NO_STEM_RELU = "there is no ReLU after the input layer: the network starts with Linear(in_dim, width) + ReLU."
HEAD_MISTAKES = {
    "the network returns softmax probabilities; it must return logits (cross_entropy applies the softmax "
    "itself — a softmax in forward applies it twice).": lambda z: torch.softmax(z, dim=1),
    "there is a ReLU after the output layer: the logits are Linear(width, out_dim) of the last block, "
    "unclipped (a ReLU zeroes every negative logit).": relu,
    "the network returns sigmoid outputs; it must return the logits of Linear(width, out_dim).": torch.sigmoid,
}


def called_layers(model, x):
    """The Linear modules in the order forward calls them."""
    calls = []
    hooks = [m.register_forward_hook(lambda mod, args, out: calls.append(mod)) for m in linear_layers(model)]
    try:
        with torch.no_grad():
            model(x)
    finally:
        for h in hooks:
            h.remove()
    return calls


def formula(x, layers, block, head=lambda z: z, stem=relu):
    """The task's network in float64 with the learner's layers' (known) weights."""

    def as_fn(m):
        w, b = m.weight.detach().double(), m.bias.detach().double() if m.bias is not None else 0.0
        return lambda h: h @ w.T + b

    fns = [as_fn(m) for m in layers]
    h = stem(fns[0](x.double()))
    for a, b in zip(fns[1:-1:2], fns[2:-1:2], strict=True):
        h = block(h, a, b)
    return head(fns[-1](h))


def centred(z):
    """Logits up to a constant per row (what softmax and cross-entropy see)."""
    z = torch.as_tensor(z).double()
    return (z - z.mean(1, keepdim=True)).numpy()


def check_forward(t, cls, name, x):
    """Known weights in the learner's layers; its output must equal the task's formula."""
    torch.manual_seed(t.seed)
    model = t.call(cls, IN, WIDTH, BLOCKS, OUT, step=f"{name}({IN}, {WIDTH}, {BLOCKS}, {OUT}) builds")
    x = x.detach().cpu()
    layers = called_layers(model, x)
    if len(layers) != 2 * BLOCKS + 2 or len({id(m) for m in layers}) != len(layers):
        t.note(f"{name}'s forward did not call each Linear module once, so its formula was not compared.")
        return
    gen = torch.Generator().manual_seed(t.seed + 5)
    with torch.no_grad():  # He-scaled weights keep the signal alive through all 20 layers
        for m in layers:
            m.weight.copy_(torch.randn(m.weight.shape, generator=gen) * math.sqrt(2 / m.in_features))
            if m.bias is not None:
                m.bias.copy_(torch.randn(m.bias.shape, generator=gen) * 0.1)
        got = t.call(model, x, step=f"{name} forward with known weights")
    t.expect_array(f"{name} output: logits (N, {OUT})", got, shape=(len(x), OUT), tensor=True)
    block = plain_block if name == "PlainNet" else residual_block
    want = formula(x, layers, block)
    mistakes = {message: centred(formula(x, layers, wrong)) for message, wrong in BLOCK_MISTAKES[name].items()}
    mistakes[NO_STEM_RELU] = centred(formula(x, layers, block, stem=lambda z: z))
    mistakes |= {message: centred(formula(x, layers, block, head=head)) for message, head in HEAD_MISTAKES.items()}
    scale = float(np.abs(centred(want)).max())
    t.expect_close(
        f"{name} computes the task's formula (known weights, outputs compared up to a constant per row)",
        centred(got.detach()),
        centred(want),
        rtol=1e-4,
        atol=1e-5 * max(scale, 1.0),
        mistakes=mistakes,
    )


def check_optimizer(t, make_optimizer, model):
    optimizer = t.call(make_optimizer, model)
    t.expect(
        "make_optimizer returns an optimizer",
        isinstance(optimizer, torch.optim.Optimizer),
        f"make_optimizer returned {type(optimizer).__name__}.",
        kind="run",
    )
    if not isinstance(optimizer, torch.optim.SGD):
        t.fail(
            "make_optimizer: SGD with momentum",
            "value",
            f"make_optimizer returned {type(optimizer).__name__}; the task (like the paper) uses SGD with "
            "momentum — an adaptive optimizer rescues part of the plain network and blurs the comparison: "
            "torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9).",
        )
    momentum = [float(g.get("momentum", 0.0)) for g in optimizer.param_groups]
    t.expect(
        "make_optimizer: SGD with momentum",
        min(momentum) > 0,
        "make_optimizer returned SGD without momentum (momentum=0); the task asks for SGD with momentum, "
        "e.g. momentum=0.9.",
    )
    held = {id(p) for g in optimizer.param_groups for p in g["params"]}
    missing = sum(p.numel() for p in model.parameters() if id(p) not in held)
    t.expect(
        "make_optimizer holds every parameter",
        missing == 0,
        f"{missing} of the model's parameters are not in the optimizer: pass model.parameters().",
    )
    return optimizer


def check_train_step(t, model, train_step, x, y):
    """One probed call: one clean step of cross-entropy (the mean), the loss returned as a number."""
    variants = {
        "the loss applies a softmax before cross-entropy, which applies its own: pass the logits "
        "straight to F.cross_entropy.": lambda z, y: F.cross_entropy(torch.softmax(z, dim=1), y),
    }
    with torch.no_grad():
        log_probs_out = float(torch.logsumexp(model(x), 1).abs().max()) < 1e-4
    if not log_probs_out:  # on log-softmax outputs F.nll_loss IS the cross-entropy
        variants[
            "the loss is F.nll_loss on the raw logits: nll_loss expects LOG-probabilities (it only picks "
            "-z[y]); use F.cross_entropy on the logits (it applies log_softmax itself)."
        ] = F.nll_loss
    probe_train_step(t, model, train_step, x, y, F.cross_entropy, loss_name="F.cross_entropy", variants=variants)


def train(t, name, cls, make_optimizer, train_step, x, y, series):
    model = build(t, cls, name)
    optimizer = check_optimizer(t, make_optimizer, model)
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
    for name, cls in (("PlainNet", Plain), ("ResidualNet", Residual)):
        check_default_init(t, build(t, cls, name), name)
    for name, cls in (("PlainNet", Plain), ("ResidualNet", Residual)):
        check_forward(t, cls, name, x)
    check_train_step(t, build(t, Residual, "ResidualNet"), train_step, x, y)

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
