"""Data-parallel training by hand with torch.distributed.

Every rank (process) holds a full copy of the model, trains on its own shard of
each batch, and the ranks average their gradients before every optimizer step, so
the copies stay identical — what DistributedDataParallel does, written out.
torchrun starts the ranks and tells each one who it is through environment
variables: RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR, MASTER_PORT.

pick_backend(world_size) -> "nccl" if CUDA is available with at least one GPU per
    rank (NCCL refuses two ranks on one GPU), else "gloo".
init_distributed(timeout_s=30.0) -> (rank, world_size): join the process group
    torchrun describes, with pick_backend's backend and a timeout of timeout_s
    seconds (with nccl, also torch.cuda.set_device(LOCAL_RANK)).
shard_indices(n, rank, world_size) -> list of ints: this rank's samples out of
    range(n); over all ranks the shards are disjoint and complete, their sizes
    differ by at most one.
broadcast_parameters(model): every rank's parameters become rank 0's, in place.
average_gradients(model): every p.grad becomes the mean over the ranks, in place.
ring_all_reduce(tensor) -> tensor: the sum over the ranks, in place (and returned),
    built only from send/recv (isend/irecv): a reduce-scatter pass then an
    all-gather pass around the ring, in chunks; any number of elements (a 1-D,
    contiguous tensor).
train_step(model, optimizer, xb, yb) -> float: one step on this rank's shard with
    F.cross_entropy (the mean), gradients averaged before the step; returns this
    rank's loss.

Run it yourself: `torchrun --nproc-per-node 2 ddp.py`. `dltutor check ddp` starts
two ranks the same way on 127.0.0.1.
"""

import datetime  # noqa: F401 - you will need these
import os  # noqa: F401

import torch
import torch.distributed as dist
import torch.nn.functional as F  # noqa: F401


def pick_backend(world_size):
    # TODO
    raise NotImplementedError


def init_distributed(timeout_s=30.0):
    # TODO: read RANK and WORLD_SIZE; dist.init_process_group(..., timeout=datetime.timedelta(seconds=timeout_s))
    raise NotImplementedError


def shard_indices(n, rank, world_size):
    # TODO
    raise NotImplementedError


def broadcast_parameters(model):
    # TODO: dist.broadcast every parameter from rank 0
    raise NotImplementedError


def average_gradients(model):
    # TODO: all_reduce every gradient, then divide by the world size
    raise NotImplementedError


def ring_all_reduce(tensor):
    # TODO: split a flat view into world_size chunks; W - 1 reduce-scatter steps, W - 1 all-gather steps.
    #       Each step sends one chunk to rank + 1 and receives one from rank - 1 (isend/irecv, then wait).
    raise NotImplementedError


def train_step(model, optimizer, xb, yb):
    # TODO: zero_grad, loss, backward, average_gradients, step; return loss.item()
    raise NotImplementedError


if __name__ == "__main__":
    rank, world_size = init_distributed()
    torch.manual_seed(rank)  # different on purpose: broadcast_parameters evens them out
    model = torch.nn.Sequential(torch.nn.Linear(5, 16), torch.nn.Tanh(), torch.nn.Linear(16, 3))
    broadcast_parameters(model)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    data = torch.Generator().manual_seed(0)
    X, y = torch.randn(64, 5, generator=data), torch.randint(0, 3, (64,), generator=data)
    for step in range(20):
        batch = torch.arange(step * 16, step * 16 + 16) % 64
        mine = batch[shard_indices(len(batch), rank, world_size)]
        loss = train_step(model, optimizer, X[mine], y[mine])
        if rank == 0 and step % 5 == 0:
            print(f"step {step}: loss {loss:.4f} on rank 0")
    dist.destroy_process_group()
