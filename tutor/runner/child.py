"""The process learner code runs in (the worker), forked by tutor.runner.keeper.

The keeper forks it before anything heavy is imported; it imports numpy (and
torch with --torch), says `ready`, then blocks on one request line on stdin.
That lets a warm spare wait, fully imported, for the next check; it never
forks after that, so CUDA is always initialised fresh here.
Its last act is `os._exit`, so atexit hooks the learner registered never run.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import random
import resource
import secrets
import sys
import time
import traceback
import types
from pathlib import Path

import numpy as np

from tutor.checks import Checker, LibrarySnapshot, StepFailed
from tutor.checks.core import describe_exception
from tutor.protocol import (
    CheckRequest,
    Details,
    Event,
    ReadyEvent,
    Status,
    Step,
    StepEvent,
    StepKind,
    VerdictEvent,
    event_line,
)


class Channel:
    """JSON lines to the supervisor on the result pipe, each stamped with our pid."""

    def __init__(self, fd: int) -> None:
        self._file = os.fdopen(fd, "w", buffering=1, encoding="utf-8")

    def __call__(self, event: Event) -> None:
        # getpid() per event, not once: a copy the learner forked must not pass for us.
        self._file.write(event_line(event, os.getpid()))
        self._file.flush()


def _load_module(path: Path, name: str, *, hidden: bool = False) -> types.ModuleType:
    """Import `path` as `name`; `hidden`: under a random name, gone from sys.modules once loaded.

    The checker and the reference solution are hidden so learner code cannot
    reach them by name (`sys.modules["dltutor_reference_softmax"]`) to copy the
    answer or the checker's expectations. Their functions keep their globals, so
    nothing else changes; it costs nothing. A determined learner can still find
    them through the garbage collector or stack frames: see the README's threat model.
    """
    if hidden:
        name = f"_{secrets.token_hex(16)}"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # while it runs: dataclasses and the like look themselves up here
    try:
        spec.loader.exec_module(module)
    finally:
        if hidden:
            del sys.modules[name]
    return module


def _pack_error(exc: BaseException, files: tuple[str, ...]) -> str:
    """A checker or reference that fails to load: the author's file:line, not an internal error."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename in files]
    if isinstance(exc, SyntaxError) and exc.filename in files:
        where = f"{exc.filename}:{exc.lineno}"
    else:
        where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else files[0]
    what = "".join(traceback.format_exception_only(type(exc), exc)).strip().splitlines()[-1]
    return f"{where}: this exercise's checker could not be loaded (a lesson pack error, not your code): {what}"


def _limit_memory(memory_mb: int) -> None:
    """Cap the address space at what is mapped now plus the exercise's allowance.

    Not used on CUDA, whose driver maps far more address space than it uses;
    there the supervisor's RSS watch is the limit.
    """
    with open("/proc/self/status") as status:
        vm_kb = next(int(line.split()[1]) for line in status if line.startswith("VmSize:"))
    limit = vm_kb * 1024 + memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _resolve_device(request: CheckRequest) -> tuple[str, str | None]:
    """(device, usage problem or None)."""
    if not request.uses_torch:
        return "cpu", None
    import torch

    available = torch.cuda.is_available()
    if request.device == "cuda" and not available:
        return "cpu", (
            "CUDA was requested but this PyTorch cannot see a GPU "
            f"(torch {torch.__version__}, built for CUDA: {torch.version.cuda or 'no'})."
        )
    if request.device == "cuda" or (request.device == "auto" and available):
        return f"cuda:{torch.cuda.current_device()}", None  # which GPU, as torch names it
    return "cpu", None


def _seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed % 2**32)
    if "torch" in sys.modules:
        import torch

        torch.manual_seed(seed)


def _import_learner(path: Path, emit: Channel) -> types.ModuleType | None:
    """Import the learner's file; report anything that stops it as an `error` verdict."""
    sys.path.insert(0, str(path.parent))
    try:
        return _load_module(path, f"learner_{path.stem}")
    except SyntaxError as exc:
        text = (exc.text or "").rstrip("\n")
        pointer = ""
        if text and exc.offset:
            pointer = "\n    " + " " * (exc.offset - 1 - (len(text) - len(text.lstrip()))) + "^"
        line = f":{exc.lineno}" if exc.lineno else ""  # e.g. a null byte has no line
        message = f"SyntaxError in {Path(exc.filename or path).name}{line}: {exc.msg}"
        if text:
            message += f"\n    {text.strip()}{pointer}"
        emit(VerdictEvent(Status.ERROR, message, details=Details(file=str(path), line=exc.lineno)))
    except SystemExit as exc:
        emit(
            VerdictEvent(
                Status.ERROR,
                f"your module called sys.exit({exc.code!r}) while being imported; "
                "keep top-level code to definitions (put experiments under "
                '`if __name__ == "__main__":`).',
            )
        )
    except KeyboardInterrupt:
        emit(VerdictEvent(Status.ERROR, "your module raised KeyboardInterrupt while being imported."))
    except BaseException as exc:  # noqa: BLE001 - any import failure is the learner's to see
        summary, details = describe_exception(exc, path)
        emit(VerdictEvent(Status.ERROR, f"importing your file failed: {summary}", details=Details.from_json(details)))
    return None


def _content_salt(request: CheckRequest) -> str:
    """Cached reference values go stale when the checker or reference changes."""
    import hashlib

    digest = hashlib.sha256()
    for path in (request.checker_path, request.reference_path):
        try:
            digest.update(Path(path).read_bytes())
        except OSError:
            pass
    return digest.hexdigest()


def _limit_cpu_check(request: CheckRequest, device: str) -> None:
    if device != "cpu":
        return
    _limit_memory(request.memory_mb)
    if "torch" in sys.modules:
        # Exercise-sized tensors gain nothing from many threads, and on a small
        # shared machine oversubscription made checks 10-50x slower.
        import torch

        torch.set_num_threads(max(1, min(4, (os.cpu_count() or 2) // 2)))


def _load_pack(request: CheckRequest, emit: Channel) -> tuple[types.ModuleType, types.ModuleType] | None:
    """The exercise's checker and reference; a failure is the pack's (a usage error), said and None."""
    # A stage's checks/ folder may hold shared helpers (e.g. `_data.py`) its checkers import.
    sys.path.insert(0, str(Path(request.checker_path).parent))
    try:
        return (
            _load_module(Path(request.checker_path), "checker", hidden=True),
            _load_module(Path(request.reference_path), "reference", hidden=True),
        )
    except BaseException as exc:  # noqa: BLE001 - the pack's fault: say where, exit 2 in the CLI
        emit(
            VerdictEvent(
                Status.ERROR, _pack_error(exc, (request.checker_path, request.reference_path)), usage_error=True
            )
        )
        return None


def run_request(request: CheckRequest, emit: Channel) -> None:
    device, problem = _resolve_device(request)
    if problem:
        emit(VerdictEvent(Status.ERROR, problem, device=device, usage_error=True))
        return
    _limit_cpu_check(request, device)
    _seed_everything(request.seed)
    pack = _load_pack(request, emit)
    if pack is None:
        return
    checker_module, reference = pack
    snapshot = LibrarySnapshot()
    learner_path = Path(request.learner_path)
    learner = _import_learner(learner_path, emit)
    if learner is None:
        return
    _seed_everything(request.seed)  # the learner's import may have drawn random numbers
    t = Checker(
        learner=learner,
        learner_file=learner_path,
        reference=reference,
        seed=request.seed,
        device=device,
        emit=emit,
        exercise_id=request.exercise_id,
        deadline=time.monotonic() + request.time_limit_s,
        cache_dir=Path(request.cache_dir) if request.cache_dir else None,
        cache_salt=_content_salt(request),
    )
    status, message = _run_checker(checker_module, t, request.numpy_only, learner_path)
    _report_patches(snapshot, t, emit)
    if status == Status.PASS:
        if not t.steps:
            status, message = Status.ERROR, "the checker recorded no steps (a checker bug); not a pass"
        elif t.failed:
            status = Status.FAIL
    emit(VerdictEvent(status, message, device=device))


def _run_checker(
    checker_module: types.ModuleType, t: Checker, numpy_only: bool, learner_path: Path
) -> tuple[Status, str]:
    """Run `check(t)`: PASS so far, or ERROR with what crashed (the learner's code, or the checker)."""
    status, message = Status.PASS, ""
    try:
        if numpy_only:  # a manifest rule: enforced here, for every exercise that declares it
            t.expect_numpy_only()
        checker_module.check(t)
    except StepFailed:
        pass
    except BaseException as exc:  # noqa: BLE001 - report, never pass
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == str(learner_path)]
        if frames or isinstance(exc, SystemExit | KeyboardInterrupt):
            summary, details = describe_exception(exc, learner_path)
            status, message = Status.ERROR, f"your code crashed during the check: {summary}"
        else:
            status = Status.ERROR
            message = (
                "internal error in this exercise's checker (please report it): "
                + "".join(traceback.format_exception_only(type(exc), exc)).strip()
            )
            print(traceback.format_exc(), file=sys.stderr)
    return status, message


def _report_patches(snapshot: LibrarySnapshot, t: Checker, emit: Channel) -> None:
    """A failing step when the learner's code replaced library functions: nothing patched can pass."""
    patched = snapshot.changes()
    if patched:
        shown = ", ".join(patched[:5]) + (" ..." if len(patched) > 5 else "")
        step = Step(
            "libraries left unpatched",
            StepKind.PROPERTY,
            Status.FAIL,
            f"your code replaced library functions ({shown}); checks cannot trust a "
            "patched library, so this cannot pass. Remove the patch.",
            Details(patched=tuple(patched)),
        )
        t.steps.append(step)
        emit(StepEvent(step))


def _request_waiting() -> bool:
    """Has a request already arrived? (A one-shot check sends it at once; a spare waits.)"""
    import select

    return bool(select.select([sys.stdin], [], [], 0)[0])


def _warm_optimizers() -> None:
    """The first optimizer a check builds imports torch._dynamo: ~2.5 s of CPU that every training
    check would pay (and names rebound mid-check). A spare pays it while it waits, before saying
    ready, so the time limit never counts it; a one-shot check whose request is waiting skips it."""
    try:
        import torch._dynamo  # noqa: F401
    except Exception:  # noqa: BLE001 - an optional speed-up; a torch build without it still works
        pass


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="tutor.runner.child")
    parser.add_argument("--result-fd", type=int, required=True)
    parser.add_argument("--torch", action="store_true", help="import torch before saying ready")
    args = parser.parse_args(argv)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if args.torch:
        import torch  # noqa: F401 - imported ahead so a check does not pay for it

        if not _request_waiting():
            _warm_optimizers()
    emit = Channel(args.result_fd)
    emit(ReadyEvent(args.torch))
    line = sys.stdin.readline()
    if not line:
        os._exit(0)
    request = CheckRequest.from_line(line)
    # Learner code that asks for input() gets EOF instead of hanging the check.
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    try:
        run_request(request, emit)
    except BaseException:  # noqa: BLE001 - the supervisor turns a silent exit into an error
        traceback.print_exc()
        emit(VerdictEvent(Status.ERROR, "internal error in dltutor's runner: " + traceback.format_exc(limit=3)))
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
