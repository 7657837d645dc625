"""One rank of the ddp check, started by checks/ddp.py the way torchrun starts a rank.

    python _ddp_worker.py LEARNER_FILE OUT_DIR SEED TIMEOUT_S
    env: RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR=127.0.0.1, MASTER_PORT

It imports the learner's file and runs their functions phase by phase: init, broadcast,
average, ring, train. Every phase writes JSON lines to OUT_DIR/rank<R>.jsonl — "enter",
then "exit" with what the phase produced, or "error" with the learner's own traceback
frames — flushed at once, so the parent can tell where a rank stopped if it hangs.
Every torch.distributed call the learner makes is logged per phase (op, element count,
peer), so the parent can compare the ranks' sequences of collectives and see how the
ring moved its data. This file imports no part of dltutor: a rank pays only for torch.
"""

import functools
import importlib.util
import inspect
import json
import os
import sys
import traceback

COLLECTIVES = (
    "all_reduce",
    "reduce",
    "broadcast",
    "all_gather",
    "all_gather_into_tensor",
    "reduce_scatter",
    "reduce_scatter_tensor",
    "all_to_all",
    "all_to_all_single",
    "barrier",
    "gather",
    "scatter",
    "all_gather_object",
    "broadcast_object_list",
)
POINT_TO_POINT = ("send", "recv", "isend", "irecv", "batch_isend_irecv")
RING_SIZES = (1, 5, 7, 1001)
GLOBAL_BATCH, TRAIN_STEPS = 8, 3
ADAM_LR, ADAM_EPS = 0.05, 1e-3  # a large eps: near-zero gradients would make the update sign-noisy

_out = None
_phase = "import"
_calls: list[dict] = []
_init_timeout: list = []  # the timeout each init_process_group call was given (None: torch's default)


def emit(event: str, **data) -> None:
    _out.write(json.dumps({"phase": _phase, "event": event, **data}) + "\n")
    _out.flush()


def _numel(args, kwargs) -> int:
    for value in (*args, *kwargs.values()):
        if hasattr(value, "numel"):
            return int(value.numel())
        if isinstance(value, list) and value and hasattr(value[0], "numel"):
            return int(sum(v.numel() for v in value))
    return 0


_depth = 0  # calls torch makes inside a logged call (send -> isend, ...) are not the learner's


def _record(op: str, numel: int) -> None:
    call = {"op": op, "numel": numel, "phase": _phase}
    _calls.append(call)
    emit("call", op=op, numel=numel)  # at once: a rank that crashes inside the call still told us


def _logged(name: str, original):
    @functools.wraps(original)
    def logged(*args, **kwargs):
        global _depth
        if _depth == 0:
            if name == "batch_isend_irecv":
                for p2p in args[0] if args else kwargs.get("p2p_op_list", []):
                    op = getattr(getattr(p2p, "op", None), "__name__", "p2p")
                    _record(op, int(p2p.tensor.numel()))
            else:
                _record(name, _numel(args, kwargs))
        _depth += 1
        try:
            return original(*args, **kwargs)
        finally:
            _depth -= 1

    return logged


def _log_distributed_calls() -> None:
    """Before the learner's import, so `from torch.distributed import all_reduce` gets the logged one.

    One wrapper per function, set on both torch.distributed and distributed_c10d: torch checks
    identities such as `P2POp(dist.isend, ...)` against c10d's own names.
    """
    import torch.distributed as dist
    import torch.distributed.distributed_c10d as c10d

    for name in COLLECTIVES + POINT_TO_POINT:
        original = getattr(c10d, name, None) or getattr(dist, name, None)
        if original is None:
            continue
        wrapper = _logged(name, original)
        for module in (dist, c10d):
            if getattr(module, name, None) is original:
                setattr(module, name, wrapper)

    init = c10d.init_process_group

    @functools.wraps(init)
    def init_process_group(*args, **kwargs):
        try:
            timeout = inspect.signature(init).bind(*args, **kwargs).arguments.get("timeout")
        except TypeError:
            timeout = kwargs.get("timeout")
        _init_timeout.append(timeout.total_seconds() if hasattr(timeout, "total_seconds") else timeout)
        return init(*args, **kwargs)

    for module in (dist, c10d):
        if getattr(module, "init_process_group", None) is init:
            module.init_process_group = init_process_group


def _learner_frames(exc: BaseException, path: str) -> str:
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == path]
    where = ""
    if frames:
        last = frames[-1]
        where = f" at {os.path.basename(path)}:{last.lineno}: `{(last.line or '').strip()}`"
    return f"{type(exc).__name__}: {str(exc)[:400]}{where}"


def _phase_calls() -> list[dict]:
    return [c for c in _calls if c["phase"] == _phase]


def run_phase(name: str, fn, path: str):
    global _phase
    _phase = name
    emit("enter")
    try:
        result = fn()
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, then this rank stops
        emit("error", message=_learner_frames(exc, path), calls=_phase_calls())
        _out.flush()
        os._exit(3)
    emit("exit", calls=_phase_calls(), **(result or {}))


def make_model(seed: int):
    import torch

    torch.manual_seed(seed)
    return torch.nn.Sequential(torch.nn.Linear(5, 8), torch.nn.Tanh(), torch.nn.Linear(8, 3))


def flat_params(model) -> list[float]:
    import torch

    return torch.cat([p.detach().reshape(-1).cpu().double() for p in model.parameters()]).tolist()


def flat_grads(model) -> list[float] | None:
    import torch

    if any(p.grad is None for p in model.parameters()):
        return None
    return torch.cat([p.grad.detach().reshape(-1).cpu().double() for p in model.parameters()]).tolist()


def planted_grads(model, seed: int, rank: int) -> None:
    import torch

    gen = torch.Generator().manual_seed(seed * 10 + rank)
    for p in model.parameters():
        p.grad = torch.randn(p.shape, generator=gen, dtype=p.dtype).to(p.device)


def train_data(seed: int):
    import torch

    gen = torch.Generator().manual_seed(seed + 99)
    X = torch.randn(GLOBAL_BATCH * TRAIN_STEPS, 5, generator=gen)
    y = torch.randint(0, 3, (GLOBAL_BATCH * TRAIN_STEPS,), generator=gen)
    return X, y


def main() -> None:
    global _out
    path, out_dir, seed, timeout_s = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
    rank_env = int(os.environ["RANK"])
    _out = open(os.path.join(out_dir, f"rank{rank_env}.jsonl"), "w", buffering=1)

    import torch

    torch.set_num_threads(1)
    # The first optimizer step imports a good deal of torch lazily (seconds on a busy machine);
    # pay for it here, before any phase is timed.
    warm = make_model(0)
    warm(torch.zeros(1, 5)).sum().backward()
    torch.optim.SGD(warm.parameters(), lr=0.1, momentum=0.9).step()
    _log_distributed_calls()
    import torch.distributed as dist

    def load():
        sys.path.insert(0, os.path.dirname(path))
        spec = importlib.util.spec_from_file_location("learner_ddp", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    learner = None

    def do_import():
        nonlocal learner
        learner = load()

    run_phase("import", do_import, path)

    state = {}

    def do_init():
        got = learner.init_distributed(timeout_s=timeout_s)
        cuda = torch.cuda.is_available()
        expected = "nccl" if cuda and torch.cuda.device_count() >= int(os.environ["WORLD_SIZE"]) else "gloo"
        backend = str(dist.get_backend()) if dist.is_initialized() else None
        state["device"] = f"cuda:{int(os.environ['LOCAL_RANK'])}" if backend == "nccl" else "cpu"
        return {
            "returned": list(got) if isinstance(got, tuple | list) else repr(got),
            "initialized": dist.is_initialized(),
            "backend": backend,
            "expected_backend": expected,
            "dist_rank": dist.get_rank() if dist.is_initialized() else None,
            "dist_world": dist.get_world_size() if dist.is_initialized() else None,
            "timeouts": [t if t is None or isinstance(t, int | float) else repr(t) for t in _init_timeout],
        }

    run_phase("init", do_init, path)
    device = state["device"]
    rank = dist.get_rank()

    def do_broadcast():
        model = make_model(seed + 1000 * (rank + 1)).to(device)  # every rank starts different
        learner.broadcast_parameters(model)
        return {"params": flat_params(model)}

    run_phase("broadcast", do_broadcast, path)

    def do_average():
        model = make_model(seed + 7 * rank).to(device)  # different weights: an average of p.data shows
        planted_grads(model, seed, rank)
        learner.average_gradients(model)
        return {"grads": flat_grads(model), "params": flat_params(model)}

    run_phase("average", do_average, path)

    def do_ring():
        results = []
        for size in RING_SIZES:
            gen = torch.Generator().manual_seed(seed * 100 + size * 7 + rank)
            tensor = torch.randn(size, generator=gen, dtype=torch.float64).to(device)
            before = len(_calls)
            returned = learner.ring_all_reduce(tensor)
            results.append(
                {
                    "size": size,
                    "inplace": tensor.cpu().tolist(),
                    "returned": returned.detach().cpu().double().tolist() if hasattr(returned, "detach") else None,
                    "calls": _calls[before:],
                }
            )
        return {"results": results}

    run_phase("ring", do_ring, path)

    def do_train():
        model = make_model(seed).to(device)
        optimizer = torch.optim.SGD(model.parameters(), lr=0.5, momentum=0.9)
        X, y = train_data(seed)
        world = dist.get_world_size()
        params, losses, shards = [], [], []
        for step in range(TRAIN_STEPS):
            rows = torch.arange(step * GLOBAL_BATCH, (step + 1) * GLOBAL_BATCH)
            mine = [int(i) for i in learner.shard_indices(GLOBAL_BATCH, rank, world)]
            shards.append(mine)
            xb, yb = X[rows[mine]].to(device), y[rows[mine]].to(device)
            loss = learner.train_step(model, optimizer, xb, yb)
            losses.append(loss if isinstance(loss, int | float) else repr(type(loss).__name__))
            params.append(flat_params(model))
        # Again with Adam: SGD (with momentum too) is linear in the gradients, so averaging the weights after
        # the step lands where averaging the gradients before it does; Adam's per-rank state tells them apart.
        model = make_model(seed).to(device)
        optimizer = torch.optim.Adam(model.parameters(), lr=ADAM_LR, eps=ADAM_EPS)
        adam_params = []
        for step in range(TRAIN_STEPS):
            rows = torch.arange(step * GLOBAL_BATCH, (step + 1) * GLOBAL_BATCH)
            mine = shards[step]
            learner.train_step(model, optimizer, X[rows[mine]].to(device), y[rows[mine]].to(device))
            adam_params.append(flat_params(model))
        return {"params": params, "losses": losses, "shards": shards, "adam_params": adam_params}

    run_phase("train", do_train, path)

    global _phase
    _phase = "done"
    try:
        dist.destroy_process_group()
    except Exception:  # noqa: BLE001 - the learner may have destroyed it already
        pass
    emit("exit")
    _out.close()
    os._exit(0)


if __name__ == "__main__":
    main()
