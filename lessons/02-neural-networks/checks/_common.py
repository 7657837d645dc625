"""Helpers the checkers of stage 02 share.

* `call`: run learner code like `t.call`, but add a hint that names the
  likely mistake when it raises (e.g. "`max(0, x)` on an array").
* `is_int_like` / `int_problem`: what counts as "an int" for a 0/1 output.
* Torch helpers (imported lazily, so NumPy-only checkers never load torch):
  `record_steps` watches every optimizer step of a learner's `fit` (the
  parameters and gradients just before it), `post_step_losses` records a
  loss after every step of a run, and `FitStream` runs a learner's `fit` in
  a worker thread in lockstep with `t.converge`, so the loss streams live
  while the optimizer keeps its state across epochs.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from typing import Any

import numpy as np

from tutor.checks import Checker, StepFailed
from tutor.checks.core import describe_exception


def call(t: Checker, fn: Callable[..., Any], *args: Any, step: str | None = None,
         hint: Callable[[BaseException], str | None] | None = None, **kwargs: Any) -> Any:
    """`t.call`, plus a hint appended to the failure when `hint(exc)` recognises the exception."""
    name = getattr(fn, "__name__", None)
    if name is None:  # an nn.Module instance: calling it runs its forward
        name = f"{type(fn).__name__}.forward" if hasattr(fn, "forward") else "your code"
    label = step or f"{name} runs"
    try:
        return fn(*args, **kwargs)
    except NotImplementedError:
        t.fail(label, "run", f"`{name}` is not implemented yet (it still raises NotImplementedError) "
               "— replace the TODO with your code.")
    except StepFailed:
        raise
    except Exception as exc:  # noqa: BLE001 - learner code may raise anything
        summary, details = describe_exception(exc, t.learner_file)
        extra = None
        try:
            extra = hint(exc) if hint else None
        except Exception:  # noqa: BLE001 - a hint never breaks the check
            extra = None
        t.fail(label, "run", summary + (f" — {extra}" if extra else ""), **details)
    raise AssertionError("unreachable")


def int_problem(value: Any, total: str = "total > threshold", sum_name: str = "the weighted sum") -> str | None:
    """None if `value` is a plain integer 0/1 result (Python int, NumPy integer, 0-d int array)."""
    if isinstance(value, bool | np.bool_) or (isinstance(value, np.ndarray) and value.dtype == bool):
        return ("returned a bool (True/False); return the integer 1 or 0, e.g. "
                f"`int({total})` or `1 if ... else 0`.")
    if isinstance(value, int | np.integer):
        return None
    if isinstance(value, np.ndarray) and value.shape == () and value.dtype.kind in "iu":
        return None
    if isinstance(value, float | np.floating):
        value = float(value)
        if value in (0.0, 1.0):
            return f"returned the float {value!r}; return the integer 1 or 0 (wrap it in int(...))."
        if 0.0 < value < 1.0:
            return (f"returned {value!r}, a value between 0 and 1 — that is a smooth activation such "
                    f"as a sigmoid; this unit uses a hard step ({total}) and returns 1 or 0.")
        return (f"returned {value!r}, which is not 0 or 1 — that looks like {sum_name} itself; "
                f"apply the step ({total}) and return 1 or 0.")
    if isinstance(value, np.ndarray):
        return (f"returned an array of shape {value.shape}; for a single sample return one int "
                "(1 or 0), not an array.")
    return f"returned {type(value).__name__} {value!r:.80}; return the integer 1 or 0."


def relative_error(a: np.ndarray, b: np.ndarray) -> float:
    a = np.asarray(a, dtype=np.float64).ravel()
    b = np.asarray(b, dtype=np.float64).ravel()
    den = np.linalg.norm(a) + np.linalg.norm(b)
    return 0.0 if den == 0 else float(np.linalg.norm(a - b) / den)


# ---------------------------------------------------------------- torch -------

class _Stop(BaseException):
    """Raised inside the learner's fit (from an optimizer hook) to end it early.

    A BaseException, so that a learner's `except Exception:` cannot swallow it.
    """


def _hooks():
    from torch.optim.optimizer import (
        register_optimizer_step_post_hook,
        register_optimizer_step_pre_hook,
    )
    return register_optimizer_step_pre_hook, register_optimizer_step_post_hook


def flat(tensors) -> np.ndarray:
    """Concatenate tensors (or None for a missing .grad -> zeros) into one float64 vector."""
    parts = [np.zeros(0)]
    for tensor in tensors:
        parts.append(tensor.detach().double().cpu().numpy().ravel())
    return np.concatenate(parts)


class StepRecord:
    """What the model looked like just before one optimizer step."""

    def __init__(self, optimizer, params: dict, grads: dict, owns_params: bool, missing: list) -> None:
        self.optimizer = optimizer  # the learner's optimizer object
        self.params = params  # name -> detached clone
        self.grads = grads  # name -> detached clone (zeros where .grad was None)
        self.owns_params = owns_params  # the optimizer holds this model's parameters
        self.missing = missing  # names of parameters without a .grad


def record_steps(t: Checker, model, fn: Callable[..., Any], *args: Any, keep: int = 3,
                 step: str | None = None, hint=None) -> tuple[list[StepRecord], int, Any]:
    """Run `fn(*args)` (the learner's fit) and record the first `keep` optimizer steps.

    Returns (records, total number of optimizer steps, what fn returned).
    """
    import torch

    register_pre, _ = _hooks()
    named = list(model.named_parameters())
    ids = {id(p) for _, p in named}
    records: list[StepRecord] = []
    count = [0]

    def record(optimizer):
        held = {id(p) for group in optimizer.param_groups for p in group["params"]}
        with torch.no_grad():
            grads = {name: p.grad.detach().clone() if p.grad is not None else torch.zeros_like(p)
                     for name, p in named}
            records.append(StepRecord(optimizer, {name: p.detach().clone() for name, p in named}, grads,
                                      owns_params=ids <= held,
                                      missing=[name for name, p in named if p.grad is None]))

    def pre_hook(optimizer, args, kwargs):
        count[0] += 1
        if len(records) >= keep:
            return None
        # args starts with the optimizer itself (torch passes step's own arguments, self included)
        closure = args[1] if len(args) > 1 else kwargs.get("closure")
        if closure is None:
            record(optimizer)
            return None
        # optimizer.step(closure) (LBFGS, or any optimizer called that way): the gradient only exists
        # once the closure has run, so record after its first call, still at the pre-step parameters.
        first = [True]

        def recorded_closure():
            result = closure()
            if first[0]:
                first[0] = False
                record(optimizer)
            return result

        if len(args) > 1:
            return (args[0], recorded_closure, *args[2:]), kwargs
        return args, {**kwargs, "closure": recorded_closure}

    handle = register_pre(pre_hook)
    try:
        result = call(t, fn, *args, step=step, hint=hint)
    finally:
        handle.remove()
    return records, count[0], result


def torch_hint(exc: BaseException) -> str | None:
    """Hints for the usual PyTorch errors in a fit loop."""
    text = str(exc)
    if "same device" in text:
        return ("tensors on different devices: create new tensors on the data's device "
                "(torch.zeros(..., device=X.device)) and move the model once with model.to(device).")
    if "Long" in text and ("Float" in text or "scalar type" in text):
        return "CrossEntropyLoss takes class indices as int64 (long) targets; do not convert y to float."
    if "backward through the graph a second time" in text:
        return ("the loss was built outside the epoch loop (or reused); compute output = model(X) and "
                "the loss inside the loop, every epoch.")
    if "does not require grad" in text:
        return ("the loss has no gradient: compute it from model(X) without torch.no_grad(), .detach() or "
                ".item() on the way.")
    if "should be between 0 and 1" in text:
        return ("BCELoss got values outside [0, 1] — NaN outputs, usually from a learning rate so high that "
                "the weights overflowed; or a model that does not end in a Sigmoid.")
    if "target size" in text.lower() or "same size" in text.lower():
        return "the target's shape must match the model output's: y is (n, 1) like model(X)."
    return None


def post_step_losses(run: Callable[[], Any], loss_of: Callable[[], float]) -> list[float]:
    """Run `run()` (trusted code: the reference) and record `loss_of()` after every optimizer step."""
    import torch

    _, register_post = _hooks()
    losses: list[float] = []

    def post_hook(optimizer, args, kwargs):
        with torch.no_grad():
            losses.append(float(loss_of()))

    handle = register_post(post_hook)
    try:
        run()
    finally:
        handle.remove()
    return losses


class FitStream:
    """The learner's `fit` in a worker thread, one optimizer step per `next()`.

    After every optimizer step the worker computes `loss_of()` (no grad),
    hands it over, and waits until the checker asks for the next step, so the
    model is never trained past what has been judged. `stop()` ends the
    learner's fit at its next optimizer step.
    """

    def __init__(self, t: Checker, run: Callable[[], Any], loss_of: Callable[[], float],
                 name: str, epochs: int) -> None:
        self.t = t
        self.run = run
        self.loss_of = loss_of
        self.name = name
        self.epochs = epochs
        self.steps_taken = 0
        self._queue: queue.Queue = queue.Queue()
        self._go = threading.Semaphore(0)
        self._stop = False
        self._ident: int | None = None
        self._handle = None
        self._thread = threading.Thread(target=self._work, daemon=True)

    def _work(self) -> None:
        self._ident = threading.get_ident()
        try:
            result = self.run()
        except _Stop:
            self._queue.put(("stopped", None))
        except BaseException as exc:  # noqa: BLE001 - handed to the checker's thread
            self._queue.put(("error", exc))
        else:
            self._queue.put(("done", result))

    def _post_hook(self, optimizer, args, kwargs) -> None:
        import torch

        if threading.get_ident() != self._ident:
            return
        if self._stop:
            raise _Stop
        with torch.no_grad():
            value = float(self.loss_of())
        self._queue.put(("loss", value))
        self._go.acquire()
        if self._stop:
            raise _Stop

    def start(self) -> FitStream:
        _, register_post = _hooks()
        self._handle = register_post(self._post_hook)
        self._thread.start()
        return self

    def next(self, i: int) -> float:
        """The loss after optimizer step `i` of this run (i counts from 0)."""
        if i > 0:
            self._go.release()
        wait = max(1.0, min(60.0, self.t.time_left() - 2.0))
        try:
            kind, payload = self._queue.get(timeout=wait)
        except queue.Empty:
            self.t.fail(self.name, "convergence", f"no optimizer step finished within {wait:.0f} s "
                        f"(step {i}); is fit stuck in a loop, or much slower than one step per epoch?")
        if kind == "loss":
            self.steps_taken = i + 1
            return payload
        if kind == "error":
            raise payload
        if i == 0:
            self.t.fail(self.name, "convergence", "fit finished without a single optimizer step: call "
                        "`optimizer.step()` (of a torch.optim optimizer) once per epoch, after "
                        "`loss.backward()`.")
        self.t.fail(self.name, "convergence", f"fit returned after {i} optimizer steps, but it was asked "
                    f"for epochs={self.epochs}: loop `for epoch in range(epochs)` with one step per epoch.")
        raise AssertionError("unreachable")

    def stop(self) -> None:
        """End the learner's fit (at its next optimizer step) and wait for the worker."""
        self._stop = True
        self._go.release()
        self._thread.join(timeout=max(0.5, min(10.0, self.t.time_left() - 1.0)))
        if self._handle is not None:
            self._handle.remove()
            self._handle = None


def torch_generator(t: Checker, offset: int = 0):
    """A CPU torch.Generator seeded from the check's seed (so `--seed N` replays it)."""
    import torch

    gen = torch.Generator()
    gen.manual_seed((t.seed * 7919 + offset) % (2**63 - 1))
    return gen


def check_step_gradients(t: Checker, step_name: str, records: list[StepRecord],
                         grad_of: Callable[[dict, str], dict], variants: dict[str, str], *,
                         n: int, loss_name: str, zero_message: str) -> None:
    """Compare the .grad the learner's fit held at each recorded optimizer step with the right one.

    `grad_of(params, variant)` is the gradient (name -> tensor) at those
    parameters of the loss "right", or of a named wrong loss in `variants`
    (variant -> message). Also names a missing zero_grad (gradients that add
    up over steps), a summed loss (n times too large) and all-zero gradients.
    """
    threshold = 2e-2 if t.on_gpu else 1e-4
    names = list(records[0].grads)

    def vec(d):
        return flat(d[name] for name in names)

    rights = []
    for k, record in enumerate(records):
        got = vec(record.grads)
        right = vec(grad_of(record.params, "right"))
        rights.append(right)
        error = relative_error(got, right)
        if error < threshold:
            continue
        where = f"at optimizer step {k + 1}"
        if not np.any(got):
            t.fail(step_name, "gradient", f"every gradient is zero {where}: {zero_message}")
        if k >= 1 and relative_error(got, np.sum(rights, axis=0)) < threshold:
            t.fail(step_name, "gradient", f"{where} the .grad holds the sum of this step's gradient and the "
                   "earlier ones: PyTorch adds gradients up, so call optimizer.zero_grad() every epoch, "
                   "before loss.backward().")
        if relative_error(got, n * right) < threshold:
            t.fail(step_name, "gradient", f"{where} the gradient is n = {n} times too large: the loss is "
                   "summed over the batch (reduction='sum'); use the default mean.")
        for variant, message in variants.items():
            if relative_error(got, vec(grad_of(record.params, variant))) < threshold:
                t.fail(step_name, "gradient", f"{where}: {message}")
        t.fail(step_name, "gradient", f"{where} the gradient in .grad is not that of {loss_name} "
               f"(relative error {error:.2g}). Each epoch: optimizer.zero_grad(), loss on the whole "
               "batch, loss.backward(), optimizer.step().")
    t.passed(step_name, "gradient", f"{len(records)} optimizer steps")


def check_loss_history(t: Checker, history: Any, epochs: int) -> None:
    """fit(...) returned one float loss per epoch (not tensors, which keep their graphs alive)."""
    name = "fit returns one loss per epoch"
    if not isinstance(history, list | tuple) or len(history) != epochs:
        shown = f"a {type(history).__name__}" if not isinstance(history, list | tuple) else \
            f"{len(history)} values"
        t.fail(name, "run", f"fit(..., epochs={epochs}) returned {shown}; return a list with one loss "
               "per epoch (losses.append(loss.item()) inside the loop, `return losses` after it).")
    if any(getattr(v, "requires_grad", False) for v in history):
        t.fail(name, "run", "fit returned loss tensors; append loss.item() (a float) instead — a tensor "
               "that requires grad keeps its whole computation graph alive, epoch after epoch.")
    if any(hasattr(v, "detach") for v in history):
        t.fail(name, "run", "fit returned the losses as (detached) tensors; return plain Python floats: "
               "append loss.item().")
    if not all(isinstance(v, int | float | np.number) for v in history):
        t.fail(name, "run", f"fit returned {[type(v).__name__ for v in history][:3]}...; return floats.")
    t.passed(name, "run")
