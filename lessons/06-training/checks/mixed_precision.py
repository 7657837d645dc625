"""Checker: a mixed-precision training step (autocast forward, float32 loss and weights, grad scaler).

Everything is watched from outside the learner's code, never by reading it:
* forward hooks on every nn.Linear record the dtype of its output and whether autocast was on;
* a hook on each Linear output's gradient records whether autocast was still on during backward;
* the loss_fn handed to the learner is the checker's cross-entropy, which records its dtype and the
  gradient that reaches it (the scale, when the scaled loss was backpropagated);
* optimizer step pre/post hooks record the gradients the step saw and count the steps;
* the GradScaler handed over is a subclass that logs the order of scale/unscale_/step/update.

The gradients the step saw are compared with the checker's own autocast step, and with the usual
wrong versions (stale .grad kept, still multiplied by the scale, clipped while still scaled, never
scaled). Then 30 steps must track a float32 run of the same model (loss parity, tolerance below) and,
with a scaler, a gradient made inf on purpose must make the scaler skip the step and halve its scale.

The CPU path (bfloat16, with and without a torch.amp.GradScaler("cpu")) always runs. The CUDA path
(float16, GradScaler("cuda")) runs the same code with device_type "cuda" when the check runs with
--device cuda.
"""

import copy

import torch
import torch.nn.functional as F
from torch import nn

from tutor.checks import Checker, torch_hint

LOW = {"cpu": torch.bfloat16, "cuda": torch.float16}
LR = 0.1
PARITY_STEPS = 30
# Loss parity: |loss of the learner's mixed-precision run - loss of a float32 run| at every one of the
# 30 steps. The reference on seeds 0-9 (CPU, bfloat16): worst 0.0008 (typical 0.0004-0.0006), the
# float32 loss falling from ~1.39 to 0.20-0.45. 0.01 leaves more than 10x margin; float16 has three
# more mantissa bits than bfloat16, so the CUDA path is closer still.
PARITY_TOL = 0.01
# The scaler's first scale in the one-step checks. Not the default 65536: float16 weight gradients of
# a 256-sample batch can overflow at that scale, and a correct scaler would then skip the one step.
SCALE = 1024.0
GRAD_RTOL = 1e-3  # the learner's autocast gradients vs the checker's: same ops, same dtypes


def _problem(seed, device):
    """Four overlapping Gaussian blobs in 16 dimensions and a small float32 MLP."""
    gen = torch.Generator().manual_seed(seed)
    centres = torch.randn(4, 16, generator=gen) * 0.5
    y = torch.randint(0, 4, (256,), generator=gen)
    x = centres[y] + torch.randn(256, 16, generator=gen)
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Linear(16, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 4))
    return model.to(device), x.to(device), y.to(device)


def _grads(model):
    return [None if p.grad is None else p.grad.detach().clone() for p in model.parameters()]


def _flat(tensors):
    return torch.cat([g.reshape(-1).float() for g in tensors])


def _close(a, b, rtol=GRAD_RTOL):
    return float((a - b).norm()) <= rtol * float(b.norm()) + 1e-12


class _Spy:
    """Hooks on the model and optimizer, and the loss function handed to the learner."""

    def __init__(self, model, optimizer, device_type):
        self.device_type = device_type
        self.forward = []  # (output dtype, autocast on) per Linear call
        self.backward_autocast = []  # autocast on while a Linear output's gradient was computed
        self.losses = []  # (input dtype, loss dtype, value)
        self.loss_grads = []  # the gradient that reached the loss: 1, or the scale
        self.step_grads = []  # the gradients each optimizer step saw
        self.steps = 0
        self.handles = [m.register_forward_hook(self._on_forward) for m in model.modules() if isinstance(m, nn.Linear)]
        self.handles.append(
            optimizer.register_step_pre_hook(
                lambda opt, *_: self.step_grads.append(
                    [None if p.grad is None else p.grad.detach().clone() for g in opt.param_groups for p in g["params"]]
                )
            )
        )
        self.handles.append(optimizer.register_step_post_hook(lambda *_: self._count()))

    def _count(self):
        self.steps += 1

    def _on_forward(self, _module, _inputs, output):
        self.forward.append((output.dtype, torch.is_autocast_enabled(self.device_type)))
        if output.requires_grad:
            output.register_hook(lambda g: self.backward_autocast.append(torch.is_autocast_enabled(self.device_type)))

    def loss_fn(self, output, target):
        loss = F.cross_entropy(output, target)
        self.losses.append((output.dtype, loss.dtype, float(loss.detach())))
        if loss.requires_grad:
            loss.register_hook(lambda g: self.loss_grads.append(float(g)))
        return loss

    def remove(self):
        for h in self.handles:
            h.remove()


class _WatchedScaler(torch.amp.GradScaler):
    """A GradScaler that logs the calls the learner makes on it (not the ones it makes on itself)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.calls = []
        self._depth = 0

    def _log(self, name, method, *args, **kwargs):
        if self._depth == 0:
            self.calls.append(name)
        self._depth += 1
        try:
            return method(*args, **kwargs)
        finally:
            self._depth -= 1

    def scale(self, outputs):
        return self._log("scale", super().scale, outputs)

    def unscale_(self, optimizer):
        return self._log("unscale_", super().unscale_, optimizer)

    def step(self, optimizer, *args, **kwargs):
        return self._log("step", super().step, optimizer, *args, **kwargs)

    def update(self, new_scale=None):
        return self._log("update", super().update, new_scale)


def _hint(exc):
    text = str(exc)
    if "Expected one of cpu, cuda" in text or "device type at start of device string" in text:
        return (
            "torch.autocast takes a device TYPE as its first argument: 'cpu' or 'cuda' — the "
            "device_type you were given (x.device.type), not 'gpu' or a device object."
        )
    if "same dtype" in text or "expected scalar type" in text.lower() or "expected m1 and m2" in text:
        return (
            "tensors of two dtypes met in a matmul: do not cast the input or the model to 16 bits by "
            "hand — autocast casts copies for each op and leaves the parameters float32."
        )
    if "unscale_() has already been called" in text:
        return (
            "unscale_ runs at most once per step: after your scaler.unscale_(optimizer), scaler.step "
            "knows the gradients are unscaled already — do not call it again."
        )
    if "step() has already been called" in text:
        return "call scaler.step(optimizer) once per step, then scaler.update()."
    if "No inf checks were recorded prior to update" in text:
        return (
            "scaler.update() came without a scaler.step(optimizer) before it: scaler.step(optimizer) was "
            "never called. Step through the scaler, not with optimizer.step() directly — a direct step uses "
            "gradients still multiplied by the scale and steps even when they overflowed to inf."
        )
    if "No inf checks were recorded" in text:
        return (
            "scaler.step found no gradients to check: the scaled loss must be backpropagated "
            "(scaler.scale(loss).backward()) before scaler.step(optimizer)."
        )
    if "_scale is None" in text:
        return (
            "the loss was backpropagated without scaling: scaler.scale(loss) was never called, so the "
            "scaler has no scale to divide by. Use scaler.scale(loss).backward()."
        )
    return torch_hint(exc)


def _autocast_step(model0, x, y, device_type):
    """The gradients of the checker's own step: autocast forward, float32 loss, plain backward."""
    model = copy.deepcopy(model0)
    with torch.autocast(device_type=device_type, dtype=LOW[device_type]):
        out = model(x)
    F.cross_entropy(out.float(), y).backward()
    return _grads(model)


def _clip(flat, max_norm):
    norm = float(flat.norm())
    return flat * min(1.0, max_norm / (norm + 1e-6))


def _check_forward(t, spy, label, device_type):
    """The matmuls ran in the 16-bit type under autocast, and the parameters stayed float32."""
    want = LOW[device_type]
    other = {torch.bfloat16: "bfloat16", torch.float16: "float16"}
    if not spy.forward:
        t.fail(
            f"{label}: the model ran", "run", "none of the model's Linear layers ran: call model(x) inside train_step."
        )
    dtypes = {d for d, _ in spy.forward}
    if dtypes == {want}:
        t.passed(
            f"{label}: matmuls in {other[want]}",
            "value",
            f"every Linear layer's output was {other[want]} (autocast on).",
        )
        return
    if dtypes == {torch.float32} and not any(on for _, on in spy.forward):
        t.fail(
            f"{label}: matmuls in {other[want]}",
            "value",
            f"the Linear layers ran in float32: no autocast for device type '{device_type}' was active "
            "during the forward pass. Wrap model(x) in `with torch.autocast(device_type=device_type, "
            "dtype=...)`; autocast('cuda') does nothing to CPU tensors (and autocast('cpu') nothing to "
            "CUDA tensors) — use the device_type you were given, not a fixed string.",
        )
    if want == torch.bfloat16 and torch.float16 in dtypes:
        t.fail(
            f"{label}: matmuls in bfloat16",
            "value",
            "the forward ran in float16 on the CPU: CPUs have no fast float16 matmul kernels (it is "
            "slow, and float16's narrow range would need a grad scaler). On 'cpu' use "
            "dtype=torch.bfloat16.",
        )
    if want == torch.float16 and torch.bfloat16 in dtypes:
        t.fail(
            f"{label}: matmuls in float16",
            "value",
            "the forward ran in bfloat16 on CUDA; the task asks for float16 there (with the grad "
            "scaler): pick the dtype from device_type — bfloat16 for 'cpu', float16 for 'cuda'.",
        )
    if torch.float32 in dtypes:
        t.fail(
            f"{label}: matmuls in {other[want]}",
            "value",
            f"some Linear layers ran in float32 and others in {other[want]}: the whole forward pass "
            "(the model call) belongs inside the autocast block.",
        )
    t.fail(
        f"{label}: matmuls in {other[want]}",
        "value",
        f"the Linear layers produced {sorted(str(d) for d in dtypes)}; expected {want} from autocast.",
    )


def _check_master_weights(t, model, label):
    dtypes = sorted({str(p.dtype) for p in model.parameters()})
    t.expect(
        f"{label}: parameters stay float32",
        dtypes == ["torch.float32"],
        f"after your step the parameters are {', '.join(dtypes)}: model.half() or "
        ".to(torch.bfloat16) converted the weights themselves. Mixed precision keeps float32 master "
        "weights — small updates (lr × gradient) vanish when added to a 16-bit weight — and lets "
        "autocast cast 16-bit copies for each matmul.",
        kind="value",
    )


def _check_loss_and_backward(t, spy, label):
    if not spy.losses:
        t.fail(
            f"{label}: loss_fn called",
            "run",
            "loss_fn was never called: compute the loss with the loss_fn you were given.",
        )
    _in_dtype, loss_dtype, _ = spy.losses[-1]
    t.expect(
        f"{label}: loss in float32",
        loss_dtype == torch.float32,
        f"the loss tensor was {loss_dtype}: a mean over the batch in 16 bits loses digits (bfloat16 "
        "keeps about 3 significant decimals). Call loss_fn on output.float().",
        kind="value",
    )
    t.expect(
        f"{label}: backward outside autocast",
        not any(spy.backward_autocast),
        "backward ran inside the autocast block. Autocast is for the forward pass only: backward "
        "already runs each op in the dtype its forward used, so wrapping it changes nothing but "
        "misleads the reader (PyTorch's AMP notes advise against it). Close the `with` block after "
        "the loss.",
        kind="property",
    )


def _check_return(t, result, spy, label, scale):
    t.expect(
        f"{label}: returns a float",
        isinstance(result, float),
        f"return the loss as a Python float (loss.item()); got {type(result).__name__}.",
        kind="value",
    )
    value = spy.losses[-1][2]
    if abs(result - value) <= 1e-5 * max(1.0, abs(value)):
        t.passed(f"{label}: returned loss", "value")
        return
    if scale and abs(result - value * scale) <= 1e-4 * abs(value * scale):
        t.fail(
            f"{label}: returned loss",
            "value",
            f"you returned the SCALED loss ({result:.6g} = loss × {scale:g}); return loss.item(), the "
            "loss before scaler.scale.",
        )
    t.fail(
        f"{label}: returned loss",
        "value",
        f"you returned {result:.6g}, but the loss your step computed was {value:.6g}.",
    )


def _check_grads_seen(t, spy, label, expected, stale, scale, max_norm):
    """The gradients the optimizer step saw: the true (clipped) ones, or a named wrong version."""
    seen = spy.step_grads[-1]
    name = f"{label}: gradients at the optimizer step"
    if any(g is None for g in seen):
        t.fail(
            name,
            "value",
            "some parameters had no gradient when the optimizer stepped: backward "
            "must run before the step (and zero_grad before backward, not between them).",
        )
    dtypes = sorted({str(g.dtype) for g in seen})
    if dtypes != ["torch.float32"]:
        t.fail(
            f"{label}: gradients are float32",
            "value",
            f"the gradients were {', '.join(dtypes)}: they "
            "land on the float32 parameters as float32 unless the parameters themselves were converted.",
        )
    got = _flat(seen)
    want = _flat(expected)
    if max_norm is not None:
        want = _clip(want, max_norm)
    if _close(got, want):
        t.passed(name, "value", "float32, the true gradients" + (" clipped to max_norm." if max_norm else "."))
        return
    variants = [
        (
            _flat([g + s for g, s in zip(expected, stale, strict=True)]),
            "the gradients left in .grad before the call were added to the new ones: clear them "
            "(optimizer.zero_grad()) before backward.",
        )
    ]
    if scale:
        variants += [
            (
                _flat(expected) * scale,
                f"the optimizer stepped on gradients still multiplied by the scale ({scale:g}): optimizer.step() "
                "was called directly. Step through the scaler — scaler.step(optimizer) — which unscales "
                "them first and skips the step when they hold inf/NaN.",
            ),
            (
                _flat(expected) / scale,
                f"the gradients were {scale:g} times too small: the plain loss was backpropagated and "
                "scaler.step then divided by the scale. Backpropagate scaler.scale(loss).",
            ),
        ]
        if max_norm is not None:
            variants.append(
                (
                    _clip(_flat(expected) * scale, max_norm) / scale,
                    "the gradients were clipped while still multiplied by the scale, so they "
                    f"ended up about {scale:g} times too small: call scaler.unscale_(optimizer) "
                    "BEFORE clip_grad_norm_ so max_norm applies to the true gradients.",
                )
            )
    if max_norm is not None:
        variants.append(
            (
                _flat(expected),
                f"the gradients were not clipped: their norm {float(_flat(expected).norm()):.3g} "
                f"exceeds max_norm = {max_norm:.3g}; call torch.nn.utils.clip_grad_norm_("
                "model.parameters(), max_norm) after backward (and after unscale_) and before the "
                "step.",
            )
        )
    for grads, message in variants:
        if _close(got, grads):
            t.fail(name, "value", message)
    rel = float((got - want).norm() / want.norm())
    t.fail(
        name,
        "value",
        f"the gradients the optimizer saw differ from those of the autocast forward and "
        f"float32 loss (relative difference {rel:.3g}). Expected: zero_grad, forward under autocast, "
        "loss_fn(output.float(), y), backward" + (", unscale_ and clip" if max_norm else "") + ", step.",
    )


def _one_step(t, fn, device, device_type, *, use_scaler, max_norm_factor, label):
    """One call of train_step, every property of it checked; returns nothing (fails by name)."""
    model0, x, y = _problem(t.seed + (7 if use_scaler else 0) + (3 if max_norm_factor else 0), device)
    gen = torch.Generator().manual_seed(t.seed + 99)
    stale = [torch.randn(p.shape, generator=gen).to(device) for p in model0.parameters()]
    expected = _autocast_step(model0, x, y, device_type)
    max_norm = None
    if max_norm_factor:
        max_norm = max_norm_factor * float(_flat(expected).norm())

    model = copy.deepcopy(model0)
    for p, s in zip(model.parameters(), stale, strict=True):
        p.grad = s.clone()  # what a previous step would leave behind
    optimizer = torch.optim.SGD(model.parameters(), lr=LR)
    spy = _Spy(model, optimizer, device_type)
    scaler = _WatchedScaler(device_type, init_scale=SCALE) if use_scaler else None
    scale = scaler.get_scale() if scaler else None
    result = t.call(
        fn,
        model,
        optimizer,
        spy.loss_fn,
        x.clone(),
        y.clone(),
        device_type,
        scaler,
        max_norm,
        step=f"{label}: runs",
        hint=_hint,
        budget_s=10,
    )
    spy.remove()

    _check_master_weights(t, model, label)
    _check_forward(t, spy, label, device_type)
    _check_loss_and_backward(t, spy, label)
    if scaler is not None:
        _check_scaler_calls(t, scaler, spy, label, scale, max_norm)
    t.expect(
        f"{label}: one optimizer step",
        spy.steps == 1,
        "the optimizer never stepped: call optimizer.step() (or scaler.step(optimizer))."
        if not spy.steps
        else f"the optimizer stepped {spy.steps} times in one call of train_step.",
        kind="value",
    )
    _check_grads_seen(t, spy, label, expected, stale, scale, max_norm)
    _check_return(t, result, spy, label, scale)


def _check_scaler_calls(t, scaler, spy, label, scale, max_norm):
    calls = scaler.calls
    name = f"{label}: the scaler's protocol"
    shown = " → ".join(calls) or "no calls at all"
    if not calls:
        t.fail(
            name,
            "value",
            "the GradScaler passed in as `scaler` was never used (a scaler made inside "
            "train_step starts from scratch every step and never learns a scale): use the one you were given.",
        )
    if "scale" not in calls or not spy.loss_grads or spy.loss_grads[-1] != scale:
        t.fail(
            name,
            "value",
            f"the loss was backpropagated without scaling (your calls: {shown}): "
            "scaler.scale(loss).backward() multiplies the gradients by the scale so small float16 "
            "gradients do not flush to zero.",
        )
    if "step" not in calls:
        t.fail(
            name,
            "value",
            f"scaler.step(optimizer) was never called (your calls: {shown}): a direct "
            "optimizer.step() uses gradients still multiplied by the scale, and steps even when they "
            "overflowed to inf.",
        )
    if "update" not in calls:
        t.fail(
            name,
            "value",
            f"scaler.update() was never called (your calls: {shown}): without it the "
            "scale never drops after an overflow (every later step is skipped) and never grows.",
        )
    if calls.index("update") < len(calls) - 1 - calls[::-1].index("step"):
        t.fail(
            name,
            "value",
            f"scaler.update() ran before scaler.step(optimizer) (your calls: {shown}): "
            "update reads what step found (inf or not) — call it after the step.",
        )
    t.passed(name, "value", shown)


def _inf_skip(t, fn, device, device_type, label):
    """A gradient made inf on purpose: the step must be skipped and the scale halved."""
    model0, x, y = _problem(t.seed + 11, device)
    model = copy.deepcopy(model0)
    optimizer = torch.optim.SGD(model.parameters(), lr=LR)
    spy = _Spy(model, optimizer, device_type)
    first = next(model.parameters())

    def overflow(grad):
        grad = grad.clone()
        grad.view(-1)[0] = float("inf")  # as a float16 overflow in backward would leave it
        return grad

    handle = first.register_hook(overflow)
    scaler = _WatchedScaler(device_type, init_scale=SCALE)
    scale = scaler.get_scale()
    t.call(
        fn,
        model,
        optimizer,
        spy.loss_fn,
        x.clone(),
        y.clone(),
        device_type,
        scaler,
        None,
        step=f"{label}: runs with an inf gradient",
        hint=_hint,
        budget_s=10,
    )
    handle.remove()
    spy.remove()
    before = torch.cat([p.detach().reshape(-1) for p in model0.parameters()])
    after = torch.cat([p.detach().reshape(-1).float() for p in model.parameters()])
    unchanged = after.shape == before.shape and torch.equal(after, before.to(after.device))
    t.expect(
        f"{label}: step skipped on inf",
        unchanged and spy.steps == 0,
        "a gradient held inf and the parameters still changed"
        + (" (now containing inf/NaN)" if not torch.isfinite(after).all() else "")
        + ": the step must go through scaler.step(optimizer), which finds the inf while unscaling "
        "and skips optimizer.step() for this batch.",
        kind="value",
    )
    t.expect(
        f"{label}: scale lowered after inf",
        scaler.get_scale() == scale * scaler.get_backoff_factor(),
        f"after an overflow the scale should drop from {scale:g} to {scale * scaler.get_backoff_factor():g}; "
        f"it is {scaler.get_scale():g}. scaler.update() after scaler.step(optimizer) does that.",
        kind="value",
    )


def _parity(t, fn, device, device_type, label, use_scaler):
    """PARITY_STEPS steps of the learner's train_step track a float32 run within PARITY_TOL."""
    model0, x, y = _problem(t.seed + 23, device)
    ref = copy.deepcopy(model0)
    ref_opt = torch.optim.SGD(ref.parameters(), lr=LR, momentum=0.9)
    model = copy.deepcopy(model0)
    optimizer = torch.optim.SGD(model.parameters(), lr=LR, momentum=0.9)
    # A small initial scale: the default 65536 can overflow float16 weight gradients on the first steps,
    # and a skipped step would be a correct scaler's behaviour that the float32 run cannot mirror.
    scaler = torch.amp.GradScaler(device_type, init_scale=256.0) if use_scaler else None
    worst, at = 0.0, 0
    for i in range(PARITY_STEPS):
        got = t.call(
            fn,
            model,
            optimizer,
            nn.CrossEntropyLoss(),
            x,
            y,
            device_type,
            scaler,
            None,
            step=f"{label}: step {i}",
            hint=_hint,
            budget_s=10,
        )
        ref_opt.zero_grad()
        want = F.cross_entropy(ref(x), y)
        want.backward()
        ref_opt.step()
        want = float(want.detach())
        t.curve("loss", i, float(got))
        t.curve("reference", i, want)
        if abs(float(got) - want) > worst:
            worst, at = abs(float(got) - want), i
    t.expect(
        f"{label}: loss parity with float32 over {PARITY_STEPS} steps",
        worst <= PARITY_TOL,
        f"your mixed-precision run's loss drifted from a float32 run of the same model by {worst:.3g} at "
        f"step {at} (allowed {PARITY_TOL}): autocast only rounds the matmuls, so the curves should "
        "nearly coincide. Something else in the step differs: the loss, the gradients or the update.",
        kind="convergence",
    )


def _run_path(t, fn, device, device_type, scaler_paths):
    name = f"{device_type} ({LOW[device_type]})".replace("torch.", "")
    with t.part(name):
        if not scaler_paths == "only":
            _one_step(t, fn, device, device_type, use_scaler=False, max_norm_factor=None, label="no scaler")
            _one_step(t, fn, device, device_type, use_scaler=False, max_norm_factor=0.3, label="no scaler, clipped")
        if scaler_paths:
            _one_step(t, fn, device, device_type, use_scaler=True, max_norm_factor=None, label="GradScaler")
            _one_step(t, fn, device, device_type, use_scaler=True, max_norm_factor=0.3, label="GradScaler, clipped")
            _inf_skip(t, fn, device, device_type, "GradScaler")
        _parity(
            t,
            fn,
            device,
            device_type,
            "no scaler" if scaler_paths != "only" else "GradScaler",
            use_scaler=scaler_paths == "only",
        )


def check(t: Checker) -> None:
    fn = t.function("train_step")
    # The CPU path always runs: bfloat16 without a scaler (the usual CPU recipe) and, to check the
    # scaler protocol where no GPU is present, with torch.amp.GradScaler("cpu") too.
    _run_path(t, fn, "cpu", "cpu", scaler_paths=True)
    if t.on_gpu and torch.cuda.is_available():
        # The CUDA recipe: float16 with the scaler, on the device the check was started with.
        _run_path(t, fn, t.device, "cuda", scaler_paths="only")
