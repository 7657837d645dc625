"""Watching a learner's `fit` through PyTorch's global optimizer hooks.

* `record_steps` runs the learner's fit and keeps, for the first few
  optimizer steps, the parameters and gradients just before the step.
* `post_step_losses` records a loss after every step of a trusted run (the
  reference), for the reference curve.
* `FitStream` runs the learner's fit in a worker thread in lockstep with
  `t.converge`, one optimizer step per point, so the loss streams live while
  the optimizer keeps its state across epochs; `stream_fit` starts one and
  always stops it.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from tutor.checks.core import Checker


class _Stop(BaseException):
    """Raised inside the learner's fit (from an optimizer hook) to end it early.

    A BaseException, so that a learner's `except Exception:` cannot swallow it.
    """


def _hooks() -> tuple[Callable, Callable]:
    from torch.optim.optimizer import (
        register_optimizer_step_post_hook,
        register_optimizer_step_pre_hook,
    )

    return register_optimizer_step_pre_hook, register_optimizer_step_post_hook


def flat(tensors: Iterable[Any]) -> np.ndarray:
    """Concatenate tensors into one float64 NumPy vector (on the CPU)."""
    parts = [np.zeros(0)]
    for tensor in tensors:
        parts.append(tensor.detach().double().cpu().numpy().ravel())
    return np.concatenate(parts)


class StepRecord:
    """What the model looked like just before one optimizer step."""

    def __init__(self, optimizer: Any, params: dict, grads: dict, owns_params: bool, missing: list) -> None:
        self.optimizer = optimizer  # the learner's optimizer object
        self.params = params  # name -> detached clone
        self.grads = grads  # name -> detached clone (zeros where .grad was None)
        self.owns_params = owns_params  # the optimizer holds this model's parameters
        self.missing = missing  # names of parameters without a .grad


class _Recorder:
    """The optimizer pre-step hook of `record_steps`: counts every step, records the first `keep`."""

    def __init__(self, model: Any, keep: int) -> None:
        self.named = list(model.named_parameters())
        self.ids = {id(p) for _, p in self.named}
        self.keep = keep
        self.records: list[StepRecord] = []
        self.count = 0

    def record(self, optimizer: Any) -> None:
        import torch

        held = {id(p) for group in optimizer.param_groups for p in group["params"]}
        with torch.no_grad():
            grads = {
                name: p.grad.detach().clone() if p.grad is not None else torch.zeros_like(p) for name, p in self.named
            }
            params = {name: p.detach().clone() for name, p in self.named}
        self.records.append(
            StepRecord(
                optimizer,
                params,
                grads,
                owns_params=self.ids <= held,
                missing=[name for name, p in self.named if p.grad is None],
            )
        )

    def __call__(self, optimizer: Any, args: tuple, kwargs: dict) -> Any:
        self.count += 1
        if len(self.records) >= self.keep:
            return None
        # args starts with the optimizer itself (torch passes step's own arguments, self included)
        closure = args[1] if len(args) > 1 else kwargs.get("closure")
        if closure is None:
            self.record(optimizer)
            return None
        # optimizer.step(closure) (LBFGS, or any optimizer called that way): the gradient only exists
        # once the closure has run, so record after its first call, still at the pre-step parameters.
        first = [True]

        def recorded_closure() -> Any:
            result = closure()
            if first[0]:
                first[0] = False
                self.record(optimizer)
            return result

        if len(args) > 1:
            return (args[0], recorded_closure, *args[2:]), kwargs
        return args, {**kwargs, "closure": recorded_closure}


def record_steps(
    t: Checker, model: Any, fn: Callable[..., Any], *args: Any, keep: int = 3, step: str | None = None, hint: Any = None
) -> tuple[list[StepRecord], int, Any]:
    """Run `fn(*args)` (the learner's fit) through `t.call` and record the first `keep` optimizer steps.

    Returns (records, total number of optimizer steps, what fn returned).
    """
    register_pre, _ = _hooks()
    recorder = _Recorder(model, keep)
    handle = register_pre(recorder)
    try:
        result = t.call(fn, *args, step=step, hint=hint)
    finally:
        handle.remove()
    return recorder.records, recorder.count, result


def post_step_losses(run: Callable[[], Any], loss_of: Callable[[], float]) -> list[float]:
    """Run `run()` (trusted code: the reference) and record `loss_of()` after every optimizer step."""
    import torch

    _, register_post = _hooks()
    losses: list[float] = []

    def post_hook(optimizer: Any, args: tuple, kwargs: dict) -> None:
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

    def __init__(
        self, t: Checker, run: Callable[[], Any], loss_of: Callable[[], float], name: str, epochs: int
    ) -> None:
        self.t = t
        self.run = run
        self.loss_of = loss_of
        self.name = name
        self.epochs = epochs
        self._queue: queue.Queue = queue.Queue()
        self._go = threading.Semaphore(0)
        self._stop = False
        self._ident: int | None = None
        self._handle: Any = None
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

    def _post_hook(self, optimizer: Any, args: tuple, kwargs: dict) -> None:
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
            self.t.fail(
                self.name,
                "convergence",
                f"no optimizer step finished within {wait:.0f} s "
                f"(step {i}); is fit stuck in a loop, or much slower than one step per epoch?",
            )
        if kind == "loss":
            return payload
        if kind == "error":
            raise payload
        if i == 0:
            self.t.fail(
                self.name,
                "convergence",
                "fit finished without a single optimizer step: call "
                "`optimizer.step()` (of a torch.optim optimizer) once per epoch, after "
                "`loss.backward()`.",
            )
        self.t.fail(
            self.name,
            "convergence",
            f"fit returned after {i} optimizer steps, but it was asked "
            f"for epochs={self.epochs}: loop `for epoch in range(epochs)` with one step per epoch.",
        )
        raise AssertionError("unreachable")

    def stop(self) -> None:
        """End the learner's fit (at its next optimizer step) and wait for the worker."""
        self._stop = True
        self._go.release()
        self._thread.join(timeout=max(0.5, min(10.0, self.t.time_left() - 1.0)))
        if self._handle is not None:
            self._handle.remove()
            self._handle = None


@contextlib.contextmanager
def stream_fit(
    t: Checker, run: Callable[[], Any], loss_of: Callable[[], float], *, name: str, epochs: int
) -> Iterator[FitStream]:
    """A started `FitStream`, stopped on the way out whatever happened: `t.converge(..., stream.next)`."""
    stream = FitStream(t, run, loss_of, name=name, epochs=epochs).start()
    try:
        yield stream
    finally:
        stream.stop()
