"""Checker: a run stopped at step S and resumed from a checkpoint in fresh objects equals the
uninterrupted run, loss for loss.

Training here uses dropout and draws each batch with torch.randint from torch's global RNG, with Adam
and a LambdaLR warm-up, so every piece of state matters. The checker runs the uninterrupted reference
itself, then the learner's round trip: S steps, save_checkpoint, (the original run takes one more step,
which must be undisturbed by saving), the file is moved, fresh model/optimizer/scheduler are built from
other weights, the RNG is scrambled as in a new process, load_checkpoint. Right after loading, each
piece of state is inspected on its own — returned step, model weights, Adam's moments, the scheduler's
position, the RNG — so a failure names what was not restored; then the resumed run must reproduce the
reference's remaining losses and final weights.
"""

import shutil
import tempfile
from pathlib import Path

import torch
from torch import nn
from torch.nn import functional as F

from tutor.checks import Checker

STEPS, STOP, BATCH, WARMUP = 10, 4, 8, 8


def _warmup(epoch):
    return min(1.0, (epoch + 1) / WARMUP)


def _build(seed, device):
    torch.manual_seed(seed)
    # BatchNorm: buffers (running statistics) are state too, and only state_dict() holds them.
    model = nn.Sequential(nn.Linear(5, 32), nn.BatchNorm1d(32), nn.ReLU(), nn.Dropout(0.3), nn.Linear(32, 1))
    model = model.to(device=device, dtype=torch.float64)
    opt = torch.optim.Adam(model.parameters(), lr=0.02)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, _warmup)
    return model, opt, sched


def _train_step(model, opt, sched, X, Y):
    idx = torch.randint(0, len(X), (BATCH,)).to(X.device)  # the batch comes from torch's global RNG
    model.train()
    loss = F.mse_loss(model(X[idx]), Y[idx])
    opt.zero_grad()
    loss.backward()
    opt.step()
    sched.step()
    return loss.item()


def _rng_states(on_gpu):
    return (torch.get_rng_state(), torch.cuda.get_rng_state() if on_gpu else None)


def _flat(model):
    return torch.cat([p.detach().reshape(-1) for p in model.parameters()])


def _buffers(model):
    return [b.detach().clone() for b in model.buffers()]


def _scheduler_state(sched):
    """The scheduler's own state (LambdaLR keeps its lambdas as functions: not comparable, not saved)."""
    return {k: v for k, v in sched.state_dict().items() if k != "lr_lambdas"}


def _same_adam_state(got, want):
    if got["state"].keys() != want["state"].keys():
        return False
    for key, entry in want["state"].items():
        for name, value in entry.items():
            other = got["state"][key].get(name)
            if not isinstance(other, torch.Tensor) or other.shape != value.shape:
                return False
            if not torch.allclose(other.detach().cpu().double(), value.detach().cpu().double(), rtol=0, atol=1e-12):
                return False
    return True


def check(t: Checker) -> None:
    save = t.function("save_checkpoint")
    load = t.function("load_checkpoint")
    rtol, atol = t.float_tolerances()
    gen = torch.Generator().manual_seed(t.seed)
    X = torch.randn(64, 5, generator=gen, dtype=torch.float64).to(t.device)
    Y = X[:, :1] * 2 - X[:, 1:2] ** 2 + 0.1 * torch.randn(64, 1, generator=gen, dtype=torch.float64).to(t.device)
    init_seed, data_seed = t.seed % 100_000, t.seed % 100_000 + 1

    # The uninterrupted run, and its full state at the moment of the interruption.
    model, opt, sched = _build(init_seed, t.device)
    torch.manual_seed(data_seed)
    ref_losses = []
    for step in range(STEPS):
        if step == STOP:
            snap_model = _flat(model).clone()
            snap_opt = {
                "state": {
                    k: {n: v.clone() if isinstance(v, torch.Tensor) else v for n, v in s.items()}
                    for k, s in opt.state_dict()["state"].items()
                }
            }
            snap_lr = [g["lr"] for g in opt.param_groups]
            snap_epoch = sched.last_epoch
            snap_sched = _scheduler_state(sched)
            snap_buffers = _buffers(model)
            snap_rng = _rng_states(t.on_gpu)
        ref_losses.append(_train_step(model, opt, sched, X, Y))
    ref_final = _flat(model)

    with tempfile.TemporaryDirectory(prefix="dltutor-ckpt-") as tmp:
        path = Path(tmp) / "run" / "checkpoint.pt"
        path.parent.mkdir()
        model, opt, sched = _build(init_seed, t.device)
        torch.manual_seed(data_seed)
        for _ in range(STOP):
            _train_step(model, opt, sched, X, Y)
        t.call(
            save,
            str(path),
            model,
            opt,
            sched,
            STOP,
            step="save_checkpoint runs",
            hint="save a dict of state dicts with torch.save(..., path).",
            budget_s=10,
        )
        t.expect(
            "the checkpoint is a file at path",
            path.is_file(),
            f"save_checkpoint wrote nothing at the path it was given ({path.name}); the checkpoint must "
            "be a file there, so that another process can load it.",
            kind="run",
        )

        # Saving must only read the run's state: the original run goes on as if nothing happened.
        t.expect(
            "saving leaves the model in training mode",
            all(m.training for m in model.modules()),
            "save_checkpoint left the model in eval mode (model.eval() inside it, never undone): a training "
            "loop that does not call model.train() every step would go on without dropout and with "
            "BatchNorm's frozen statistics. Saving must only read state.",
            kind="property",
        )
        loss = _train_step(model, opt, sched, X, Y)
        t.expect(
            "saving leaves the run untouched",
            abs(loss - ref_losses[STOP]) <= 1e-9 * max(1.0, abs(ref_losses[STOP])),
            "after save_checkpoint the ORIGINAL run's next step differs from the uninterrupted run: saving "
            "changed the training state (drew random numbers, stepped the scheduler or the optimizer, "
            "reseeded?). Saving must only read state.",
            kind="property",
        )

        others = sorted(f.name for f in path.parent.iterdir() if f != path)
        t.expect(
            "the checkpoint is one file",
            not others,
            f"save_checkpoint wrote {len(others)} file(s) beside {path.name}: {', '.join(others)}. The task "
            "asks for ONE file at `path` holding everything (one dict in one torch.save): a checkpoint is "
            "copied, moved and renamed as a unit, and a second file left behind (or renamed apart) loses the "
            "optimizer or the RNG state.",
            kind="property",
        )
        moved = Path(tmp) / "elsewhere.pt"
        shutil.move(path, moved)  # a later process finds the file; nothing else of this one survives
        model, opt, sched = _build(init_seed + 7919, t.device)
        torch.manual_seed(data_seed + 104729)
        got = t.call(
            load,
            str(moved),
            model,
            opt,
            sched,
            step="load_checkpoint runs",
            hint=lambda exc: (
                "torch.load refuses this checkpoint with weights_only=True: save only "
                "state dicts, tensors and numbers (torch.get_rng_state() is a tensor), "
                "or load with weights_only=False a file you wrote yourself."
                if "weights_only" in str(exc).lower() or "Weights only" in str(exc)
                else None
            ),
            budget_s=10,
        )

    if got is None:
        t.fail(
            "load_checkpoint returns the step",
            "value",
            f"load_checkpoint returned None; return the saved step ({STOP}) so the loop knows where to continue.",
        )
    if not isinstance(got, int) or isinstance(got, bool):
        t.fail(
            "load_checkpoint returns the step",
            "value",
            f"load_checkpoint should return the step as a Python int; got {type(got).__name__}.",
        )
    if got != STOP:
        t.fail(
            "load_checkpoint returns the step",
            "value",
            f"load_checkpoint returned {got}, but the checkpoint was saved with step={STOP} (the number of "
            "steps already done)"
            + (": off by one — return exactly the step you were given." if abs(got - STOP) == 1 else "."),
        )
    t.passed("load_checkpoint returns the step", "value", f"step {STOP}")

    t.expect(
        "model weights restored",
        torch.allclose(_flat(model), snap_model, rtol=0, atol=1e-12),
        "after load_checkpoint the model's weights are not the saved ones: load them into the model you were "
        "given with model.load_state_dict(...) (assigning to the name `model` inside the function changes "
        "nothing outside it).",
        kind="value",
    )
    counts = [int(b) for b in _buffers(model) if b.dtype == torch.long]  # BatchNorm's num_batches_tracked
    ran = bool(counts) and counts[0] > [int(b) for b in snap_buffers if b.dtype == torch.long][0]
    t.expect(
        "model buffers restored (BatchNorm's running statistics)",
        all(torch.equal(a, b) for a, b in zip(_buffers(model), snap_buffers, strict=True)),
        "after load_checkpoint BatchNorm's running statistics have moved on from the saved ones: something ran "
        "the model in training mode after loading (a forward pass inside load_checkpoint?). Loading must only "
        "restore state."
        if ran
        else "after load_checkpoint the weights are right but the model's buffers are not (BatchNorm's running "
        "mean and variance, its batch count): they are in model.state_dict(), not in parameters() or "
        "named_parameters(). Save model.state_dict() and load it with strict loading (the default).",
        kind="value",
    )
    t.expect(
        "optimizer state restored (Adam's moments)",
        _same_adam_state(opt.state_dict(), snap_opt),
        "after load_checkpoint the optimizer's state is not the saved one: Adam's moments m, v and its step "
        "count start again from zero, so the first steps after the resume are too large. Save "
        "optimizer.state_dict() and restore it with optimizer.load_state_dict(...) into the optimizer you "
        "were given (an optimizer built inside load_checkpoint is thrown away when it returns).",
        kind="value",
    )
    lr_now = opt.param_groups[0]["lr"]
    if sched.last_epoch > snap_epoch:
        where = (
            f"is {sched.last_epoch - snap_epoch} step(s) AHEAD of the saved run (step {sched.last_epoch} vs "
            f"{snap_epoch}): a scheduler.step() after loading? load_state_dict already puts it where it was."
        )
    else:
        where = (
            f"is at step {sched.last_epoch} (learning rate {lr_now:.4g}); the saved run was at step "
            f"{snap_epoch} (learning rate {snap_lr[0]:.4g}): without scheduler.state_dict() the schedule "
            "restarts and the learning rate jumps back."
        )
    t.expect(
        "scheduler restored",
        sched.last_epoch == snap_epoch
        and all(abs(g["lr"] - lr) <= 1e-15 for g, lr in zip(opt.param_groups, snap_lr, strict=True)),
        f"after load_checkpoint the scheduler {where} Save it and restore it with scheduler.load_state_dict(...).",
        kind="value",
    )
    t.expect(
        "scheduler state restored whole",
        _scheduler_state(sched) == snap_sched,
        "after load_checkpoint the scheduler's step is right but the rest of its state is not (its last "
        "learning rates, its step count): setting last_epoch by hand restores only part of it. Save "
        "scheduler.state_dict() and restore it with scheduler.load_state_dict(...).",
        kind="value",
    )
    cpu_rng, gpu_rng = _rng_states(t.on_gpu)
    t.expect(
        "torch RNG state restored",
        torch.equal(cpu_rng, snap_rng[0]),
        "after load_checkpoint torch's random number generator is not where the interrupted run left it, so "
        "the batches and dropout masks after the resume differ from the uninterrupted run. Save "
        "torch.get_rng_state() and restore it with torch.set_rng_state(...) (reseeding with manual_seed "
        "starts a different stream) — and restore it LAST: anything random in load_checkpoint after "
        "set_rng_state (a forward pass with dropout, torch.rand) moves it on.",
        kind="value",
    )
    if t.on_gpu:
        t.expect(
            "CUDA RNG state restored",
            torch.equal(gpu_rng, snap_rng[1]),
            "on the GPU dropout draws from the CUDA generator: save torch.cuda.get_rng_state_all() and "
            "restore it with torch.cuda.set_rng_state_all(...).",
            kind="value",
        )

    for step in range(STOP, STEPS):
        loss = _train_step(model, opt, sched, X, Y)
        want = ref_losses[step]
        if abs(loss - want) > rtol * abs(want) + atol:
            t.fail(
                "resumed run equals the uninterrupted one",
                "value",
                f"at step {step} (the {step - STOP + 1}. after the resume) the loss is {loss:.6g}, the "
                f"uninterrupted run's is {want:.6g}: some state was not restored exactly.",
            )
    t.expect(
        "final weights equal",
        torch.allclose(_flat(model), ref_final, rtol=rtol, atol=atol),
        "the resumed run's final weights differ from the uninterrupted run's although the losses agreed.",
    )
    t.passed(
        "resumed run equals the uninterrupted one", "value", f"steps {STOP}..{STEPS - 1} match the uninterrupted run"
    )
