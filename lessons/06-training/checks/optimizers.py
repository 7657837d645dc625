"""Checker: SGD (momentum, Nesterov, weight decay), Adam and AdamW vs torch.optim, 20 steps each.

The same float64 model (plus one parameter outside the graph, whose .grad stays None) is trained
twice from the same weights on the same batches: once by the learner's optimizer, once by
torch.optim. After every step the parameters must agree (relative to how far they moved). On a
mismatch, the learner's trajectory is compared with simulated wrong variants — missing bias
correction, eps inside the square root, coupled instead of decoupled weight decay (and back),
dampened momentum, Nesterov ignored, ... — so the failure names the mistake.
"""

import torch
from torch import nn

from tutor.checks import Checker

STEPS = 20
MATCH = 1e-6  # relative to the distance travelled, in float64

CONFIGS = [
    ("SGD", {"lr": 0.1}),
    ("SGD", {"lr": 0.05, "momentum": 0.9}),
    ("SGD", {"lr": 0.05, "momentum": 0.9, "nesterov": True}),
    ("SGD", {"lr": 0.05, "momentum": 0.8, "weight_decay": 0.1}),
    ("Adam", {"lr": 0.01}),
    ("Adam", {"lr": 0.01, "betas": (0.8, 0.99), "weight_decay": 0.1}),
    ("AdamW", {"lr": 0.01, "weight_decay": 0.1}),
    ("AdamW", {"lr": 0.02, "betas": (0.85, 0.995), "eps": 1e-6, "weight_decay": 0.3}),
]


class _Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(5, 8), nn.Tanh(), nn.Linear(8, 3))
        self.unused = nn.Parameter(torch.ones(2))  # never in the graph: its .grad stays None

    def forward(self, x):
        return self.body(x)


class _Sim:
    """The update rules written out, with switches that reproduce the common wrong versions."""

    def __init__(self, kind, params, cfg, **wrong):
        self.kind, self.params, self.w = kind, list(params), wrong
        self.lr = cfg["lr"]
        self.momentum, self.nesterov = cfg.get("momentum", 0.0), cfg.get("nesterov", False)
        self.b1, self.b2 = cfg.get("betas", (0.9, 0.999))
        self.eps = cfg.get("eps", 1e-8)
        self.wd = cfg.get("weight_decay", 1e-2 if kind == "AdamW" else 0.0)
        self.state = {}
        self.shared_t = 0  # only for the "one counter for all parameters" mistake

    def zero_grad(self):
        for p in self.params:
            p.grad = None

    @torch.no_grad()
    def step(self):
        w = self.w
        for p in self.params:
            if p.grad is None:
                continue
            g = p.grad.clone()
            decoupled = (self.kind == "AdamW") != bool(w.get("swap_decay"))
            if self.wd and not w.get("no_decay"):
                if decoupled:
                    if not w.get("decay_after"):
                        p.mul_(1 - (1.0 if w.get("decay_without_lr") else self.lr) * self.wd)
                else:
                    g = g + self.wd * p
            if self.kind == "SGD":
                if self.momentum:
                    buf = self.state.get(p)
                    dampened = w.get("dampening") or w.get("dampening_after_first")
                    if buf is None:
                        buf = self.state[p] = (1 - self.momentum) * g if w.get("dampening") else g.clone()
                    else:
                        buf.mul_(self.momentum).add_(g, alpha=(1 - self.momentum) if dampened else 1)
                    if self.nesterov and w.get("nesterov_swapped"):
                        g = buf + self.momentum * g
                    else:
                        g = g + self.momentum * buf if (self.nesterov and not w.get("no_nesterov")) else buf
                p.sub_(self.lr * g)
            else:
                b1, b2 = (self.b2, self.b1) if w.get("swap_betas") else (self.b1, self.b2)
                s = self.state.setdefault(p, [0, torch.zeros_like(p), torch.zeros_like(p)])
                s[0] += 1
                if w.get("m_weights_swapped"):
                    s[1].mul_(1 - b1).add_(g, alpha=b1)
                else:
                    s[1].mul_(b1).add_(g, alpha=1 - b1)
                if w.get("v_weights_swapped"):
                    s[2].mul_(1 - b2).addcmul_(g, g, value=b2)
                else:
                    s[2].mul_(b2).addcmul_(g, g, value=1 - b2)
                t = s[0]
                if w.get("shared_t"):  # one counter for every parameter, counted once per parameter
                    self.shared_t += 1
                    t = self.shared_t
                m_hat = s[1] if w.get("no_bias_correction") else s[1] / (1 - b1**t)
                v_hat = s[2] if w.get("no_bias_correction") or w.get("m_only") else s[2] / (1 - b2**t)
                denom = (
                    (v_hat + self.eps).sqrt()
                    if w.get("eps_inside")
                    else (v_hat + self.eps if w.get("no_sqrt") else v_hat.sqrt() + self.eps)
                )
                update = self.lr * m_hat / denom
                p.sub_(update)
            if decoupled and self.wd and w.get("decay_after") and not w.get("no_decay"):
                p.mul_(1 - self.lr * self.wd)


def _variants(kind, cfg):
    """(message, switches) for the wrong versions worth naming under this configuration."""
    out = []
    if kind == "SGD":
        if cfg.get("momentum"):
            dampened = (
                "the momentum buffer is dampened: buf = μ·buf + (1 − μ)·g. torch's SGD (dampening=0) "
                "adds the full gradient: buf = μ·buf + g, with buf = g at the first step."
            )
            out.append((dampened, {"dampening": True}))
            out.append((dampened, {"dampening_after_first": True}))
        if cfg.get("nesterov"):
            out.append(
                (
                    "nesterov=True was ignored: the Nesterov step is g + μ·buf (look ahead along the "
                    "momentum), not buf.",
                    {"no_nesterov": True},
                )
            )
            out.append(
                (
                    "the Nesterov step is g + μ·buf (the gradient, plus μ times the updated buffer); you "
                    "wrote buf + μ·g.",
                    {"nesterov_swapped": True},
                )
            )
        if cfg.get("weight_decay"):
            out.append(
                (
                    "weight_decay was ignored: SGD adds weight_decay·p to the gradient before momentum.",
                    {"no_decay": True},
                )
            )
            out.append(
                (
                    "you decoupled SGD's weight decay (shrinking p directly); torch's SGD couples it: "
                    "g = grad + weight_decay·p, which then goes through the momentum buffer.",
                    {"swap_decay": True},
                )
            )
        return out
    bc = (
        "bias correction is missing: m and v start at zero, so early on they are too small; divide by "
        "(1 − β1ᵗ) and (1 − β2ᵗ), with t counting steps from 1."
    )
    out += [
        (bc, {"no_bias_correction": True}),
        ("only m is bias-corrected; v needs its own correction v̂ = v / (1 − β2ᵗ).", {"m_only": True}),
        ("eps is inside the square root: the denominator is √v̂ + eps, not √(v̂ + eps).", {"eps_inside": True}),
        ("the square root is missing: divide m̂ by √v̂ + eps, not by v̂ + eps.", {"no_sqrt": True}),
        ("β1 and β2 are swapped: betas = (β1 for m, β2 for v).", {"swap_betas": True}),
        (
            "the running average of g² has its weights swapped: v ← β2·v + (1 − β2)·g², not "
            "(1 − β2)·v + β2·g² (β2 is how much of the OLD average to keep).",
            {"v_weights_swapped": True},
        ),
        (
            "the running average of g has its weights swapped: m ← β1·m + (1 − β1)·g, not "
            "(1 − β1)·m + β1·g (β1 is how much of the OLD average to keep).",
            {"m_weights_swapped": True},
        ),
        (
            "one step counter is shared by all parameters and counted once per parameter, so t runs ahead "
            "and the bias correction fades too early: t counts optimizer steps — every parameter's t is 1 "
            "at the first step (keep one per parameter, or count once per step()).",
            {"shared_t": True},
        ),
    ]
    if kind == "Adam" and cfg.get("weight_decay"):
        out += [
            (
                "Adam's weight_decay is COUPLED (classic L2): add weight_decay·p to the gradient before the "
                "moments. You decoupled it (shrinking p directly) — that is AdamW.",
                {"swap_decay": True},
            ),
            ("weight_decay was ignored: Adam adds weight_decay·p to the gradient.", {"no_decay": True}),
        ]
    if kind == "AdamW":
        out += [
            (
                "AdamW's weight decay is DECOUPLED: multiply p by (1 − lr·weight_decay) and keep it out of "
                "the gradient. You added weight_decay·p to the gradient — that is Adam's coupled L2, which "
                "the √v̂ normalisation then rescales.",
                {"swap_decay": True},
            ),
            (
                "the decoupled decay must be scaled by the learning rate: p ← p·(1 − lr·weight_decay), not "
                "p ← p·(1 − weight_decay).",
                {"decay_without_lr": True},
            ),
            (
                "the decay was applied to the weights AFTER the Adam update; torch (and the AdamW paper) "
                "shrink the weights from before the step: p ← p·(1 − lr·wd) first, then the update.",
                {"decay_after": True},
            ),
            ("weight_decay was ignored: AdamW shrinks p by (1 − lr·weight_decay) every step.", {"no_decay": True}),
        ]
    return out


def _flat(model):
    return torch.cat([p.detach().reshape(-1) for p in model.parameters()]).cpu()


def _trajectory(model_fn, make_opt, data, on_step=None):
    model = model_fn()
    opt = make_opt(model.parameters())
    start = _flat(model)
    traj = []
    for i, (x, y) in enumerate(data):
        opt.zero_grad()
        loss = ((model(x) - y) ** 2).mean()
        loss.backward()
        opt.step()
        traj.append(_flat(model))
        if on_step:
            on_step(i, model)
    return start, traj


def _error(got, want, start):
    return float((got - want).norm() / ((want - start).norm() + 1e-12))


def _describe(cfg):
    return ", ".join(f"{k}={v}" for k, v in cfg.items())


def check(t: Checker) -> None:
    classes = {name: t.function(name) for name in ("SGD", "Adam", "AdamW")}
    dev = t.device
    gen = torch.Generator().manual_seed(t.seed)
    data = [
        (
            torch.randn(6, 5, generator=gen, dtype=torch.float64).to(dev),
            torch.randn(6, 3, generator=gen, dtype=torch.float64).to(dev),
        )
        for _ in range(STEPS)
    ]
    torch.manual_seed(t.seed)
    template = _Net().double()

    def model_fn():
        import copy

        return copy.deepcopy(template).to(dev)

    # zero_grad
    for name, cls in classes.items():
        model = model_fn()
        opt = t.call(cls, model.parameters(), lr=0.1, step=f"{name}(params, lr=0.1) builds")
        for p in model.parameters():
            p.grad = torch.ones_like(p)
        t.call(opt.zero_grad, step=f"{name}.zero_grad runs")
        t.expect(
            f"{name}.zero_grad clears the gradients",
            all(p.grad is None or not bool(p.grad.any()) for p in model.parameters()),
            f"after {name}.zero_grad() some .grad still holds values: set p.grad = None (or p.grad.zero_()) "
            "for every parameter — otherwise backward() adds each new gradient to the old ones.",
            kind="run",
        )

    from torch.optim.optimizer import register_optimizer_step_pre_hook

    borrowed = []

    def spy(optimizer, args, kwargs):
        kind = type(optimizer)
        if kind.__module__.startswith("torch.optim") or issubclass(
            kind, torch.optim.SGD | torch.optim.Adam | torch.optim.AdamW
        ):
            borrowed.append(kind.__name__)

    for kind, cfg in CONFIGS:
        label = f"{kind}({_describe(cfg)})"
        with t.part(label):
            cls = classes[kind]
            ref_cls = getattr(torch.optim, kind)
            ref_start, ref = _trajectory(model_fn, lambda ps, ref_cls=ref_cls, cfg=cfg: ref_cls(ps, **cfg), data)

            def make(ps, cls=cls, cfg=cfg, label=label):
                return t.call(cls, ps, **cfg, step=f"{label} builds")

            handle = register_optimizer_step_pre_hook(spy)
            try:
                start, got = t.call(
                    _trajectory, model_fn, make, data, step=f"{label}: 20 training steps run", hint=_step_hint
                )
            finally:
                handle.remove()
            if borrowed:
                t.fail(
                    label,
                    "run",
                    f"your {kind} calls torch.optim.{borrowed[0]} to do the work; write the "
                    "update yourself with tensor operations.",
                )
            bad = next(
                (
                    i
                    for i, (g, r) in enumerate(zip(got, ref, strict=True))
                    if not bool(torch.isfinite(g).all()) or _error(g, r, ref_start) > MATCH
                ),
                None,
            )
            if bad is None:
                t.passed(label, "value", f"{STEPS} steps identical to torch.optim.{kind}")
                continue
            _diagnose(t, label, kind, cfg, model_fn, data, got, ref, ref_start, bad)


def _step_hint(exc):
    text = str(exc)
    if "NoneType" in text:
        return "a parameter without a gradient (p.grad is None) must be skipped, as torch.optim does."
    if "leaf Variable" in text or "requires grad" in text:
        return "update the parameters inside `with torch.no_grad():` (or decorate step with @torch.no_grad())."
    return None


def _diagnose(t, label, kind, cfg, model_fn, data, got, ref, ref_start, bad):
    moved = max(float((g - ref_start).norm()) for g in got) if all(bool(torch.isfinite(g).all()) for g in got) else 1
    if moved == 0:
        t.fail(
            label,
            "value",
            "the parameters never changed: update them in place (p.sub_(...), p -= ... under "
            "torch.no_grad()); `p = p - lr * g` only rebinds a local name. And keep `self.params = "
            "list(params)`: a generator is empty after its first pass.",
        )
    if not bool(torch.isfinite(got[bad]).all()):
        extra = " With Adam, a bias correction 1 − βᵗ with t starting at 0 divides by zero." if kind != "SGD" else ""
        t.fail(label, "value", f"the parameters became NaN/inf at step {bad + 1}.{extra}")
    for message, switches in _variants(kind, cfg):
        v_start, v = _trajectory(model_fn, lambda ps, switches=switches: _Sim(kind, ps, cfg, **switches), data)
        if all(_error(g, w, v_start) < MATCH for g, w in zip(got, v, strict=True)):
            t.fail(label, "value", message, step=bad + 1)
    # model.parameters() yields a module's own parameters before its children's, so `unused` (2 values)
    # comes FIRST in the flat vector, not last.
    unused_moved = bool((got[bad][:2] - ref_start[:2]).abs().max() > 0)
    if unused_moved:
        t.fail(
            label,
            "value",
            "a parameter whose .grad is None was changed; torch.optim skips such parameters "
            "entirely (weight decay included).",
        )
    first = (
        " — at the very first step, so the basic update is off"
        if bad == 0
        else (" — the first step matched, so look at the state carried between steps (buffers, moments, t)")
    )
    t.fail(
        label,
        "value",
        f"after step {bad + 1} the parameters differ from torch.optim.{kind}'s "
        f"(relative difference {_error(got[bad], ref[bad], ref_start):.3g}){first}.",
        step=bad + 1,
    )
