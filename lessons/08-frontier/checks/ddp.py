"""Checker: data-parallel training by hand with torch.distributed, run as 2 real processes.

In this process: pick_backend (nccl only with a GPU per rank) and shard_indices
(disjoint, complete, balanced — for several n and world sizes).

Then two ranks are started the way torchrun starts them — `python _ddp_worker.py` with
RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR=127.0.0.1 and a free MASTER_PORT in the
environment — rather than through torchrun itself, whose extra agent process would cost
a third torch import. Each rank runs the learner's functions phase by phase (see
_ddp_worker.py) and reports; this checker compares the ranks with each other and with
a single-process computation:

* init: the group exists, the returned (rank, world_size) are torchrun's, the backend is
  nccl with >= 2 GPUs and gloo otherwise (on a one-GPU machine too: NCCL refuses two
  ranks on one device — there the check runs on gloo and says so);
* broadcast_parameters: every rank ends with rank 0's weights;
* average_gradients: every rank's .grad is the mean of the ranks' gradients;
* ring_all_reduce: the sum, in place, for sizes 1, 5, 7, 1001 — all odd, so no size splits
  evenly into 2 chunks, and size 1 leaves one chunk empty — using only send/recv (no
  collective), in messages no larger than one chunk; a deadlock of two blocking sends is named;
* train_step: 3 SGD steps; parameters identical across ranks after every step and equal
  to one process training on the whole batch of 8 (2 ranks × 4 = 1 × 8); each rank returns
  its own loss; then 3 Adam steps, which tell averaging the gradients before the step from
  averaging the weights after it (SGD, being linear in the gradients, cannot).

Hangs are named, not waited out: the learner's init gets a short timeout (gloo then
raises in the stuck rank), and the parent also watches each phase's progress and kills
both ranks when one is stuck. Both processes are killed on every path.

Cost: two extra Python processes importing torch — 5-8 s of CPU on a quiet 2-core
machine, far more wall time on a loaded one — hence this exercise's own time limit.
"""

import json
import math
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

import _ddp_worker as worker
import numpy as np
import torch
import torch.nn.functional as F

from tutor.checks import Checker

WORLD = 2
COLLECTIVE_TIMEOUT_S = 6.0  # passed to init_distributed: a one-sided collective fails after this
STUCK_S = COLLECTIVE_TIMEOUT_S + 6.0  # still in a phase this long after the other rank left it: a hang
DEADLOCK_S = 45.0  # both ranks in the same phase this long (their gloo timeout did not fire): a hang
PHASES = ("import", "init", "broadcast", "average", "ring", "train")
FUNCTION_OF = {
    "import": "importing your file",
    "init": "init_distributed",
    "broadcast": "broadcast_parameters",
    "average": "average_gradients",
    "ring": "ring_all_reduce",
    "train": "train_step",
}
COMMS_ERRORS = ("timed out", "timeout", "connection closed", "connection reset", "broken pipe")


# ---- in this process ------------------------------------------------------------------------
def _check_backend(t: Checker) -> None:
    pick_backend = t.function("pick_backend")
    cases = [  # (cuda available, GPUs, world size, expected, why)
        (False, 0, 2, "gloo", "without CUDA only gloo works"),
        (True, 1, 2, "gloo", "with 1 GPU and 2 ranks: NCCL refuses two ranks on one GPU"),
        (True, 2, 2, "nccl", "with a GPU for every rank, nccl is the fast GPU backend"),
        (True, 4, 2, "nccl", "with more GPUs than ranks, nccl"),
        (True, 2, 4, "gloo", "with 2 GPUs and 4 ranks: not a GPU per rank"),
    ]
    for cuda, gpus, world, expected, why in cases:
        with (
            mock.patch.object(torch.cuda, "is_available", lambda cuda=cuda: cuda),
            mock.patch.object(torch.cuda, "device_count", lambda gpus=gpus: gpus),
            mock.patch.object(torch.distributed, "is_nccl_available", lambda: True),
        ):
            got = t.call(pick_backend, world, step="pick_backend runs")
        name = f"pick_backend({world}) with {gpus} GPU(s)"
        t.expect(
            name,
            isinstance(got, str) and got.lower() == expected,
            f"pick_backend({world}) returned {got!r} with CUDA {'available' if cuda else 'absent'} and {gpus} "
            f"GPU(s); expected {expected!r}: {why}.",
        )


def _as_indices(value) -> list[int] | None:
    if hasattr(value, "tolist"):
        value = value.tolist()
    try:
        items = list(value)
    except TypeError:
        return None
    if not all(isinstance(i, int | np.integer) and not isinstance(i, bool) for i in items):
        return None
    return [int(i) for i in items]


def _check_shards(t: Checker) -> None:
    shard_indices = t.function("shard_indices")
    for n, world in ((8, 2), (11, 2), (7, 3), (13, 4), (2, 4), (0, 2)):
        name = f"shard_indices: n={n}, world_size={world}"
        shards = []
        for rank in range(world):
            got = t.call(shard_indices, n, rank, world, step=f"shard_indices({n}, {rank}, {world}) runs")
            indices = _as_indices(got)
            if indices is None:
                t.fail(
                    name,
                    "shape",
                    f"shard_indices({n}, {rank}, {world}) returned {str(got)[:80]}; return a list "
                    "(or 1-D tensor) of integer indices.",
                )
            shards.append(indices)
        flat = [i for s in shards for i in s]
        outside = sorted({i for i in flat if not 0 <= i < n})
        t.expect(name, not outside, f"indices {outside[:5]} are outside range({n}).", kind="property")
        if len(shards) > 1 and all(s == shards[0] for s in shards) and n > 1:
            t.fail(
                name,
                "property",
                f"every rank got the same indices {shards[0][:8]}: the shard "
                "must depend on the rank, or every rank trains on the same data.",
            )
        duplicates = sorted({i for i in flat if flat.count(i) > 1})
        t.expect(
            name,
            not duplicates,
            f"sample(s) {duplicates[:5]} appear more than once (shard sizes {[len(s) for s in shards]}): padding "
            "shards to equal length by repeating samples (as DistributedSampler does) counts those samples "
            "twice. Here every sample belongs to exactly one rank.",
            kind="property",
        )
        missing = sorted(set(range(n)) - set(flat))
        t.expect(
            name,
            not missing,
            f"sample(s) {missing[:5]} are in no shard (sizes {[len(s) for s in shards]}) — with "
            f"n // world_size rows per rank the last n % world_size samples are dropped. Give the remainder "
            "to some ranks: e.g. range(rank, n, world_size).",
            kind="property",
        )
        sizes = [len(s) for s in shards]
        t.expect(
            name,
            max(sizes) - min(sizes) <= 1,
            f"shard sizes {sizes} differ by more than one: the slowest rank sets the pace of every step. "
            "Spread the remainder: sizes n // W or n // W + 1.",
            kind="property",
        )


# ---- the two ranks --------------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Ranks:
    """Two worker processes and what they reported; always killed by `stop`."""

    def __init__(self, t: Checker, folder: Path) -> None:
        self.t = t
        self.folder = folder
        self.procs: list[subprocess.Popen] = []
        self.events: dict[int, list[dict]] = {r: [] for r in range(WORLD)}
        self._offsets = dict.fromkeys(range(WORLD), 0)
        self.stuck: dict[int, str] = {}  # rank -> phase it sat in
        self.crashed: dict[int, int] = {}  # rank -> exit code without a report
        self.timed_out = False

    def start(self) -> None:
        env = dict(os.environ)
        env.update(
            MASTER_ADDR="127.0.0.1",
            MASTER_PORT=str(_free_port()),
            WORLD_SIZE=str(WORLD),
            PYTHONUNBUFFERED="1",
            OMP_NUM_THREADS="1",
        )
        if not self.t.on_gpu:
            env["CUDA_VISIBLE_DEVICES"] = ""  # a CPU check stays on the CPU: gloo
        script = Path(worker.__file__).resolve()
        for rank in range(WORLD):
            env_rank = {**env, "RANK": str(rank), "LOCAL_RANK": str(rank)}
            log = open(self.folder / f"rank{rank}.log", "w")  # noqa: SIM115 - closed with the process
            self.procs.append(
                subprocess.Popen(
                    [
                        sys.executable,
                        str(script),
                        str(self.t.learner_file),
                        str(self.folder),
                        str(self.t.seed),
                        str(COLLECTIVE_TIMEOUT_S),
                    ],
                    env=env_rank,
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    cwd=str(self.folder),
                )
            )
            log.close()

    def _read(self) -> None:
        for rank in range(WORLD):
            path = self.folder / f"rank{rank}.jsonl"
            if not path.exists():
                continue
            with open(path) as f:
                f.seek(self._offsets[rank])
                data = f.read()
            complete = data[: data.rfind("\n") + 1]
            self._offsets[rank] += len(complete)
            for line in complete.splitlines():
                try:
                    event = json.loads(line)
                except ValueError:
                    continue
                event["at"] = time.monotonic()
                self.events[rank].append(event)

    def last(self, rank: int) -> dict | None:
        """The rank's latest phase event (enter, exit, error), skipping the logged calls."""
        return next((e for e in reversed(self.events[rank]) if e["event"] != "call"), None)

    def calls(self, rank: int, name: str) -> list[dict]:
        return [e for e in self.events[rank] if e["event"] == "call" and e["phase"] == name]

    def finished(self, rank: int) -> bool:
        last = self.last(rank)
        return last is not None and (last["event"] == "error" or last["phase"] == "done")

    def watch(self, budget_s: float) -> None:
        deadline = time.monotonic() + budget_s
        while time.monotonic() < deadline:
            time.sleep(0.05)
            self._read()
            now = time.monotonic()
            for rank, proc in enumerate(self.procs):
                if proc.poll() is not None and not self.finished(rank):
                    self._read()
                    if not self.finished(rank):
                        self.crashed[rank] = proc.returncode
            if all(self.finished(r) or r in self.crashed for r in range(WORLD)):
                return
            for rank in range(WORLD):
                last = self.last(rank)
                if not last or last["event"] != "enter" or last["phase"] in ("import", "init"):
                    continue
                others_left = [
                    self.phase(r, last["phase"]) or self.phase(r, last["phase"], "error")
                    for r in range(WORLD)
                    if r != rank
                ]
                left_at = max((e["at"] for e in others_left if e), default=None)
                if (left_at is not None and now - max(left_at, last["at"]) > STUCK_S) or now - last["at"] > DEADLOCK_S:
                    self.stuck[rank] = last["phase"]
            if self.stuck:
                return
        self.timed_out = True

    def stop(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                proc.kill()
        for proc in self.procs:
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass

    def phase(self, rank: int, name: str, event: str = "exit") -> dict | None:
        return next((e for e in self.events[rank] if e["phase"] == name and e["event"] == event), None)

    def log_tail(self, rank: int) -> str:
        try:
            return (self.folder / f"rank{rank}.log").read_text()[-600:]
        except OSError:
            return ""


def _collectives(calls: list[dict]) -> list[str]:
    """The collective calls in order, with their sizes: matching calls must agree on both."""
    return [f"{c['op']}({c['numel']})" for c in calls if c["op"] in worker.COLLECTIVES]


def _diverge(sequences: list[list[str]]) -> bool:
    """Do the ranks' call sequences differ where all of them got to (not merely stop early)?"""
    shortest = min(len(seq) for seq in sequences)
    return len({tuple(seq[:shortest]) for seq in sequences}) > 1


def _summary(ops: list[str]) -> str:
    if not ops:
        return "no collective"
    runs, previous, count = [], ops[0], 0
    for op in [*ops, None]:
        if op == previous:
            count += 1
            continue
        runs.append(f"{previous}×{count}" if count > 1 else previous)
        previous, count = op, 1
    return ", ".join(runs)


def _phase_failure(t: Checker, ranks: Ranks, name: str) -> None:
    """A phase that not every rank finished: say why, naming the one-sided collective or the deadlock."""
    fn = FUNCTION_OF[name]
    errors = {r: ranks.phase(r, name, "error") for r in range(WORLD)}
    done = [r for r in range(WORLD) if ranks.phase(r, name)]
    calls = {r: ranks.calls(r, name) for r in range(WORLD)}
    known = {r: _collectives(c) for r, c in calls.items()}
    if _diverge(list(known.values())):
        detail = "; ".join(f"rank {r}: {_summary(ops)}" for r, ops in known.items())
        t.fail(
            f"{fn}: every rank makes the same collective calls",
            "run",
            f"in {fn} the ranks made different collective calls ({detail}). A collective such as all_reduce "
            "completes only when EVERY rank calls it, in the same order; one called on one rank only (under "
            "`if rank == 0:`, e.g. to log a loss) waits forever for its partner — or pairs up with the wrong call.",
        )
    comms = {r: e for r, e in errors.items() if e and any(s in e["message"].lower() for s in COMMS_ERRORS)}
    if name == "ring" and (comms or len(ranks.stuck) == WORLD):
        # a call is logged before it runs: the last one logged is where the rank is waiting
        last_p2p = {
            r: next((c["op"] for c in reversed(calls[r] or []) if c["op"] in worker.POINT_TO_POINT), None)
            for r in range(WORLD)
        }
        if all(op == "send" for op in last_p2p.values()):
            t.fail(
                f"{fn} finishes",
                "run",
                "both ranks started with a blocking dist.send and waited for the other "
                "to receive: a deadlock. Post the receive without blocking — dist.isend and dist.irecv, then "
                "wait() on both — or let even ranks send first and odd ranks receive first.",
            )
    if comms or ranks.stuck:
        waiting = sorted(set(comms) | set(ranks.stuck))
        others = [r for r in done if r not in waiting]
        who = ", ".join(f"rank {r}" for r in waiting)
        partner = f" while rank {others[0]} had finished it" if others else ""
        t.fail(
            f"{fn} finishes",
            "run",
            f"{who} waited inside {fn}{partner}, for a partner that never came"
            + (
                f" ({next(iter(comms.values()))['message'][:160]})"
                if comms
                else " (no progress; both ranks were stopped)"
            )
            + ". Every collective (and every send) needs its counterpart on the other ranks: look for a "
            "collective under `if rank == 0:`, or a send/recv pair that does not match.",
        )
    sizes = ", ".join(str(n) for n in worker.RING_SIZES)
    for rank, error in errors.items():
        if error:
            t.fail(
                f"{fn} runs on rank {rank}",
                "run",
                f"on rank {rank}: {error['message']}"
                + (
                    f" — the check runs the ring on tensors of {sizes} elements: none splits evenly into "
                    f"{WORLD} chunks, and 1 element leaves a chunk empty. The task says any size: "
                    "tensor.view(-1).tensor_split(world_size) gives chunks that differ by at most one."
                    if name == "ring"
                    else ""
                ),
            )
    for rank, code in ranks.crashed.items():
        t.fail(
            f"{fn}: rank {rank} runs",
            "run",
            f"rank {rank} died (exit code {code}) during {fn} without a "
            f"Python error (killed by a signal, or os._exit?). Its output ends: {ranks.log_tail(rank)[-300:]}",
        )
    if ranks.timed_out:
        t.fail(f"{fn} finishes", "run", f"the ranks ran out of time during {fn} (the check's time limit).")
    t.fail(f"{fn} finishes", "run", f"rank(s) {[r for r in range(WORLD) if r not in done]} did not finish {fn}.")


def _close(a, b, rtol=1e-4, atol=1e-5) -> bool:
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=rtol, atol=atol))


def _judge_init(t: Checker, ranks: Ranks) -> None:
    for rank in range(WORLD):
        info = ranks.phase(rank, "init")
        t.expect(
            f"init_distributed on rank {rank}: the process group exists",
            info["initialized"],
            "init_distributed returned but torch.distributed is not initialised: call "
            "dist.init_process_group(backend, ...) — torchrun's environment variables say where to meet.",
            kind="run",
        )
        t.expect(
            f"init_distributed on rank {rank}: returns (rank, world_size)",
            info["returned"] == [rank, WORLD],
            f"rank {rank} got {info['returned']} from init_distributed; return (rank, world_size) as torchrun "
            f"set them: int(os.environ['RANK']), int(os.environ['WORLD_SIZE']) — here ({rank}, {WORLD}).",
            kind="value",
        )
        t.expect(
            f"init_distributed on rank {rank}: backend",
            info["backend"] == info["expected_backend"],
            f"the group uses {info['backend']!r}; with "
            + ("a GPU for every rank" if info["expected_backend"] == "nccl" else "fewer GPUs than ranks (or none)")
            + f" it should be {info['expected_backend']!r} — pass pick_backend(world_size) to "
            "init_process_group.",
            kind="value",
        )
        timeouts = info.get("timeouts") or []
        t.expect(
            f"init_distributed on rank {rank}: the timeout",
            not timeouts or timeouts[-1] == COLLECTIVE_TIMEOUT_S,
            f"init_process_group got timeout={timeouts[-1] if timeouts else None!r} (seconds; None is torch's "
            f"default of 10-30 minutes), but init_distributed was called with timeout_s={COLLECTIVE_TIMEOUT_S}: "
            "pass it on, timeout=datetime.timedelta(seconds=timeout_s) — a rank stuck in a collective then fails "
            "within seconds instead of hanging for half an hour.",
            kind="value",
        )
    backend = ranks.phase(0, "init")["backend"]
    if backend == "gloo" and t.on_gpu:
        t.note("one GPU for two ranks: NCCL refuses two ranks on one device, so this check ran on gloo (CPU tensors)")
    t.note(f"2 ranks on 127.0.0.1 with the {backend} backend")


def _judge_broadcast(t: Checker, ranks: Ranks) -> None:
    expected = worker.flat_params(worker.make_model(t.seed + 1000))
    for rank in range(WORLD):
        got = ranks.phase(rank, "broadcast")["params"]
        if _close(got, expected):
            t.passed(f"broadcast_parameters: rank {rank} holds rank 0's weights", "value")
            continue
        own = worker.flat_params(worker.make_model(t.seed + 1000 * (rank + 1)))
        why = (
            "its parameters are still its own: broadcast must copy rank 0's into every rank's tensors in place "
            "(dist.broadcast(p.data, src=0) for each parameter)."
            if _close(got, own)
            else "its parameters are neither its own nor rank 0's."
        )
        t.fail(f"broadcast_parameters: rank {rank} holds rank 0's weights", "value", f"rank {rank}: {why}")


def _judge_average(t: Checker, ranks: Ranks) -> None:
    planted, params = [], []
    for rank in range(WORLD):
        model = worker.make_model(t.seed + 7 * rank)
        worker.planted_grads(model, t.seed, rank)
        planted.append(np.asarray(worker.flat_grads(model)))
        params.append(worker.flat_params(model))
    mean, total = np.mean(planted, axis=0), np.sum(planted, axis=0)
    infos = {r: ranks.phase(r, "average") for r in range(WORLD)}
    grads = {r: infos[r]["grads"] for r in range(WORLD)}
    name = "average_gradients: every rank's .grad is the mean over ranks"
    for rank, got in grads.items():
        if got is None:
            t.fail(
                name,
                "value",
                f"on rank {rank} some parameter's .grad is None after average_gradients: "
                "average the gradients in place (dist.all_reduce(p.grad), then divide); do not clear them.",
            )
    if all(_close(got, mean) for got in grads.values()):
        t.passed(name, "value")
        return
    calls = [c for info in infos.values() for c in info["calls"]]
    if not any(c["op"] in worker.COLLECTIVES + worker.POINT_TO_POINT for c in calls):
        why = "no torch.distributed call was made: the ranks never exchanged their gradients."
    elif all(_close(got, total) for got in grads.values()):
        why = (
            f"the gradients are the SUM over the {WORLD} ranks: divide by the world size after all_reduce "
            "(gloo has no ReduceOp.AVG)."
        )
    elif all(_close(got, planted[0]) for got in grads.values()):
        why = "every rank got rank 0's gradients: broadcast copies, it does not average. Use all_reduce."
    elif all(_close(grads[r], planted[r]) for r in range(WORLD)) and not all(
        _close(infos[r]["params"], params[r]) for r in range(WORLD)
    ):
        why = "the gradients are unchanged but the parameters moved: you all-reduced p.data instead of p.grad."
    elif _close(grads[0], mean):
        why = (
            "only rank 0 holds the mean: dist.reduce delivers the result to dst only (the other ranks' tensors "
            "are left undefined); all_reduce gives it to every rank."
        )
    elif all(_close(grads[r], planted[r]) for r in range(WORLD)):
        why = (
            "the gradients are unchanged: reduce into p.grad itself, in place (all_reduce modifies the tensor "
            "you pass; a copy such as p.grad.clone() or p.grad.cpu() on a GPU leaves p.grad as it was)."
        )
    else:
        bad = [r for r in range(WORLD) if not _close(grads[r], mean)]
        why = f"the gradients on rank(s) {bad} are not the mean of the ranks' gradients."
    t.fail(name, "value", why)


def _ring_expected(t: Checker, size: int) -> np.ndarray:
    parts = [
        torch.randn(
            size, generator=torch.Generator().manual_seed(t.seed * 100 + size * 7 + r), dtype=torch.float64
        ).numpy()
        for r in range(WORLD)
    ]
    return np.sum(parts, axis=0)


def _judge_ring(t: Checker, ranks: Ranks) -> None:
    """Three properties over every size and rank, each one step: first failure named."""
    for rank in range(WORLD):
        for result in ranks.phase(rank, "ring")["results"]:
            size = result["size"]
            where = f"{size} element(s), rank {rank}"
            used = sorted({c["op"] for c in result["calls"] if c["op"] in worker.COLLECTIVES})
            p2p = [c for c in result["calls"] if c["op"] in worker.POINT_TO_POINT]
            if used:
                t.fail(
                    "ring_all_reduce: send/recv only",
                    "property",
                    f"your ring calls {', '.join(used)} ({where}): build it from point-to-point messages only "
                    "(dist.send/recv or isend/irecv) — that is the exercise.",
                )
            if not p2p:
                t.fail(
                    "ring_all_reduce: send/recv only",
                    "property",
                    f"your ring sent no message at all ({where}); each rank must send chunks to its neighbour.",
                )
    t.passed("ring_all_reduce: send/recv only", "property")
    wrong = []  # (rank, size, got, expected, returned)
    for rank in range(WORLD):
        for result in ranks.phase(rank, "ring")["results"]:
            expected = _ring_expected(t, result["size"])
            got = np.asarray(result["inplace"])
            if not _close(got, expected, rtol=1e-9, atol=1e-9):
                wrong.append((rank, result["size"], got, expected, result["returned"]))
    name = "ring_all_reduce: the sum, in place"
    for rank, size, _got, expected, returned in wrong:
        if returned is not None and _close(returned, expected, rtol=1e-9, atol=1e-9):
            t.fail(
                name,
                "value",
                f"({size} elements, rank {rank}) the returned tensor is the sum, but the tensor "
                "passed in was not updated: like dist.all_reduce, the ring works in place (write into views "
                "of it, e.g. tensor.view(-1).tensor_split(world)), then returns it.",
            )
    for rank, size, got, expected, _ in wrong:
        right = np.isclose(got, expected, rtol=1e-9, atol=1e-9) if got.shape == expected.shape else None
        if right is not None and right.any():
            t.fail(
                name,
                "value",
                f"({size} elements, rank {rank}) only {int(right.sum())} of {size} elements hold the sum (the "
                f"first at index {int(np.flatnonzero(right)[0])}): each rank ends the reduce-scatter pass with "
                "ONE fully summed chunk; the all-gather pass must then pass the finished chunks around the "
                "ring (W - 1 more steps), replacing, not adding.",
            )
    for rank, size, got, expected, _ in wrong:
        t.expect_close(f"{name} ({size} elements, rank {rank})", got, expected, rtol=1e-9, atol=1e-9)
    t.passed("ring_all_reduce: the sum, in place, for sizes " + ", ".join(map(str, worker.RING_SIZES)), "value")
    for rank in range(WORLD):
        for result in ranks.phase(rank, "ring")["results"]:
            size = result["size"]
            sent = [c["numel"] for c in result["calls"] if c["op"] in ("send", "isend")]
            chunk = math.ceil(size / WORLD)
            if size >= 2 and sent and max(sent) > chunk:
                t.fail(
                    "ring_all_reduce: chunked",
                    "property",
                    f"a message of {max(sent)} elements left rank {rank} for a tensor of {size}, more than one "
                    f"chunk (ceil({size} / {WORLD}) = {chunk}). Sending the whole tensor to a neighbour is a direct "
                    "exchange, not a ring: with W ranks it moves (W - 1)·N elements per rank, where the ring's "
                    "chunks move 2(W - 1)/W·N whatever W is.",
                )
    t.passed("ring_all_reduce: chunked", "property")


def _make_optimizer(params, adam: bool):
    return (
        torch.optim.Adam(params, lr=worker.ADAM_LR, eps=worker.ADAM_EPS)
        if adam
        else torch.optim.SGD(params, lr=0.5, momentum=0.9)
    )


def _weights_averaged(t: Checker, shards_by_rank: dict[int, list[list[int]]], adam: bool) -> list[list[float]]:
    """The mistake of averaging p.data after each rank stepped on its own gradients (model averaging)."""
    models = [worker.make_model(t.seed) for _ in range(WORLD)]
    optimizers = [_make_optimizer(m.parameters(), adam) for m in models]
    X, y = worker.train_data(t.seed)
    out = []
    for step in range(worker.TRAIN_STEPS):
        rows = torch.arange(step * worker.GLOBAL_BATCH, (step + 1) * worker.GLOBAL_BATCH)
        for rank, (model, optimizer) in enumerate(zip(models, optimizers, strict=True)):
            mine = rows[shards_by_rank[rank][step]]
            optimizer.zero_grad()
            F.cross_entropy(model(X[mine]), y[mine]).backward()
            optimizer.step()
        with torch.no_grad():
            for tensors in zip(*(m.parameters() for m in models), strict=True):
                mean = torch.stack([p.detach() for p in tensors]).mean(0)
                for p in tensors:
                    p.copy_(mean)
        out.append(worker.flat_params(models[0]))
    return out


def _rank_losses(t: Checker, shards_by_rank: dict[int, list[list[int]]]) -> list[list[float]]:
    """Each rank's own loss at each step, on the correct trajectory: what train_step should return."""
    model = worker.make_model(t.seed)
    optimizer = _make_optimizer(model.parameters(), adam=False)
    X, y = worker.train_data(t.seed)
    out = []
    for step in range(worker.TRAIN_STEPS):
        rows = torch.arange(step * worker.GLOBAL_BATCH, (step + 1) * worker.GLOBAL_BATCH)
        with torch.no_grad():
            out.append(
                [
                    float(F.cross_entropy(model(X[rows[shards_by_rank[r][step]]]), y[rows[shards_by_rank[r][step]]]))
                    for r in range(WORLD)
                ]
            )
        optimizer.zero_grad()
        F.cross_entropy(model(X[rows]), y[rows]).backward()
        optimizer.step()
    return out


def _single_process(
    t: Checker, shards_by_rank: dict[int, list[list[int]]], mode: str, adam: bool = False
) -> list[list[float]]:
    """What the parameters should be (mode 'global'), or what a named mistake makes them."""
    model = worker.make_model(t.seed)
    optimizer = _make_optimizer(model.parameters(), adam)
    X, y = worker.train_data(t.seed)
    rank = int(mode.split(":")[1]) if mode.startswith("local") else 0
    out = []
    for step in range(worker.TRAIN_STEPS):
        rows = torch.arange(step * worker.GLOBAL_BATCH, (step + 1) * worker.GLOBAL_BATCH)
        if mode != "no_zero_grad":
            optimizer.zero_grad()
        if mode.startswith("local"):
            mine = rows[shards_by_rank[rank][step]]
            F.cross_entropy(model(X[mine]), y[mine]).backward()
        else:
            F.cross_entropy(model(X[rows]), y[rows], reduction="sum" if mode == "loss_sum" else "mean").backward()
            if mode == "summed":
                for p in model.parameters():
                    p.grad *= WORLD
            if mode == "loss_sum":  # each rank summed its shard's losses; the ranks then averaged
                for p in model.parameters():
                    p.grad /= WORLD
        optimizer.step()
        out.append(worker.flat_params(model))
    return out


def _judge_train(t: Checker, ranks: Ranks) -> None:
    infos = {r: ranks.phase(r, "train") for r in range(WORLD)}
    for rank, info in infos.items():
        bad = [loss for loss in info["losses"] if not isinstance(loss, int | float)]
        if bad:
            t.fail(
                f"train_step on rank {rank} returns the loss as a float",
                "value",
                f"train_step returned {bad[0]}; return this rank's loss as a Python float (loss.item()).",
            )
        t.passed(f"train_step on rank {rank} returns the loss as a float", "value")
    collectives = {r: _collectives(info["calls"]) for r, info in infos.items()}
    if len({tuple(ops) for ops in collectives.values()}) > 1:
        detail = "; ".join(f"rank {r}: {_summary(ops)}" for r, ops in collectives.items())
        t.fail(
            "train_step: every rank makes the same collective calls",
            "run",
            f"during training the ranks made different collective calls ({detail}). Every rank must call the "
            "same collectives in the same order; one under `if rank == 0:` pairs with the wrong call on the other "
            "rank (or waits forever).",
        )
    shards = {r: info["shards"] for r, info in infos.items()}
    expected = _single_process(t, shards, "global")
    for step in range(worker.TRAIN_STEPS):
        got = {r: infos[r]["params"][step] for r in range(WORLD)}
        same = all(_close(got[r], got[0], rtol=1e-5, atol=1e-6) for r in range(WORLD))
        if not same:
            local = all(_close(got[r], _single_process(t, shards, f"local:{r}")[step]) for r in range(WORLD))
            why = (
                "each rank stepped on its OWN gradients: average_gradients must run after loss.backward() and "
                "before optimizer.step()."
                if local
                else "the ranks' gradients were not made identical before optimizer.step()."
            )
            t.fail(
                f"train_step: parameters identical across ranks after step {step + 1}",
                "value",
                f"after step {step + 1} the ranks hold different parameters — {why} Replicas that drift apart "
                "are no longer one model.",
            )
        t.passed(f"train_step: parameters identical across ranks after step {step + 1}", "value")
        if not _close(got[0], expected[step]):
            if _close(got[0], _single_process(t, shards, "summed")[step]):
                why = (
                    f"they match one process with gradients {WORLD}× too large: the gradients were summed over "
                    "the ranks, not averaged."
                )
            elif _close(got[0], _single_process(t, shards, "loss_sum")[step]):
                why = (
                    "they match a loss SUMMED over this rank's batch: F.cross_entropy's default reduction is the "
                    "mean, which keeps the step size independent of the batch size — do not pass reduction='sum'."
                )
            elif _close(got[0], _single_process(t, shards, "no_zero_grad")[step]):
                why = (
                    "they match gradients that pile up from step to step: call optimizer.zero_grad() before "
                    "loss.backward() (backward ADDS to .grad)."
                )
            else:
                why = (
                    "check the loss (F.cross_entropy, the mean over this rank's batch), zero_grad before "
                    "backward, and that the gradients are averaged exactly once."
                )
            t.fail(
                f"2 ranks × batch 4 = 1 process × batch 8 (step {step + 1})",
                "value",
                f"after step {step + 1} the parameters differ from one process training on the whole batch of 8: "
                + why,
            )
    t.passed("2 ranks × batch 4 = 1 process × batch 8", "value", f"{worker.TRAIN_STEPS} SGD steps")

    want = _rank_losses(t, shards)
    for rank, info in infos.items():
        got = info["losses"]
        own = [want[step][rank] for step in range(worker.TRAIN_STEPS)]
        if _close(got, own):
            continue
        mean = [float(np.mean(want[step])) for step in range(worker.TRAIN_STEPS)]
        why = (
            "that is the mean over the ranks (an all_reduce of the loss): the task asks for THIS rank's loss, "
            "loss.item() on its own shard — only the gradients are averaged."
            if _close(got, mean)
            else "return loss.item() of this rank's shard, computed before optimizer.step()."
        )
        t.fail(
            f"train_step on rank {rank} returns this rank's loss",
            "value",
            f"rank {rank}'s train_step returned {np.round(got, 5).tolist()}; its own loss on its shard was "
            f"{np.round(own, 5).tolist()} — {why}",
        )
    t.passed("train_step returns this rank's loss", "value")

    adam = {r: infos[r]["adam_params"] for r in range(WORLD)}
    expected = _single_process(t, shards, "global", adam=True)
    for step in range(worker.TRAIN_STEPS):
        if all(_close(adam[r][step], expected[step]) for r in range(WORLD)):
            continue
        if all(_close(adam[r][step], _weights_averaged(t, shards, adam=True)[step]) for r in range(WORLD)):
            why = (
                "they match each rank stepping on its OWN gradients and the weights being averaged afterwards. "
                "With plain SGD that lands in the same place, but not with Adam (or any optimizer whose state "
                "depends on the gradients non-linearly): average the GRADIENTS, after loss.backward() and before "
                "optimizer.step() — p.grad, not p.data."
            )
        else:
            why = "the gradients must be averaged over the ranks once, before optimizer.step()."
        t.fail(
            f"with Adam: 2 ranks × batch 4 = 1 process × batch 8 (step {step + 1})",
            "value",
            f"with torch.optim.Adam, after step {step + 1} the parameters differ from one process training on the "
            "whole batch of 8: " + why,
        )
    t.passed("with Adam: 2 ranks × batch 4 = 1 process × batch 8", "value", f"{worker.TRAIN_STEPS} Adam steps")


def check(t: Checker) -> None:
    torch.set_num_threads(1)
    for name in ("init_distributed", "broadcast_parameters", "average_gradients", "ring_all_reduce", "train_step"):
        t.function(name)
    with t.part("pick_backend"):
        _check_backend(t)
    with t.part("shard_indices"):
        _check_shards(t)
    if t.failed:
        return  # the two-process part costs two torch imports; fix these first

    with tempfile.TemporaryDirectory(prefix="dltutor-ddp-") as tmp:
        ranks = Ranks(t, Path(tmp))
        try:
            ranks.start()
            ranks.watch(max(5.0, t.time_left() - 4.0))
        finally:
            ranks.stop()
        judges = {
            "init": _judge_init,
            "broadcast": _judge_broadcast,
            "average": _judge_average,
            "ring": _judge_ring,
            "train": _judge_train,
        }
        for name in PHASES:
            if not all(ranks.phase(r, name) for r in range(WORLD)):
                _phase_failure(t, ranks, name)
            if name in judges:
                with t.part(FUNCTION_OF[name]):
                    judges[name](t, ranks)
                if t.failed and name == "init":
                    return
