"""One flat gradient bucket per all_reduce (as DDP does), contiguous balanced shards,
and a ring of blocking send/recv ordered by rank parity so no two ranks both send first."""

import os
from datetime import timedelta

import torch
import torch.distributed as dist
from torch.nn import functional as F


def pick_backend(world_size):
    enough_gpus = torch.cuda.is_available() and torch.cuda.device_count() >= world_size
    return "nccl" if enough_gpus else "gloo"


def init_distributed(timeout_s=30.0):
    world_size = int(os.environ["WORLD_SIZE"])
    backend = pick_backend(world_size)
    if backend == "nccl":
        torch.cuda.set_device(int(os.environ["LOCAL_RANK"]))
    dist.init_process_group(backend=backend, init_method="env://", timeout=timedelta(seconds=timeout_s))
    return dist.get_rank(), dist.get_world_size()


def shard_indices(n, rank, world_size):
    base, extra = divmod(n, world_size)
    start = rank * base + min(rank, extra)
    return list(range(start, start + base + (rank < extra)))


def broadcast_parameters(model):
    for tensor in model.state_dict().values():
        dist.broadcast(tensor, src=0)


def average_gradients(model):
    params = [p for p in model.parameters() if p.grad is not None]
    bucket = torch.cat([p.grad.reshape(-1) for p in params])
    dist.all_reduce(bucket)
    bucket /= dist.get_world_size()
    offset = 0
    for p in params:
        n = p.grad.numel()
        p.grad.copy_(bucket[offset:offset + n].view_as(p.grad))
        offset += n


def _pass(send_buf, recv_buf, rank, world):
    right, left = (rank + 1) % world, (rank - 1) % world
    if rank % 2 == 0:
        if send_buf.numel():
            dist.send(send_buf.contiguous(), right)
        if recv_buf.numel():
            dist.recv(recv_buf, left)
    else:
        if recv_buf.numel():
            dist.recv(recv_buf, left)
        if send_buf.numel():
            dist.send(send_buf.contiguous(), right)


def ring_all_reduce(tensor):
    rank, world = dist.get_rank(), dist.get_world_size()
    flat = tensor.view(-1)
    bounds = [len(flat) * i // world for i in range(world + 1)]
    chunk = [flat[bounds[i]:bounds[i + 1]] for i in range(world)]
    for s in range(world - 1):
        inbox = torch.zeros_like(chunk[(rank - s - 1) % world])
        _pass(chunk[(rank - s) % world], inbox, rank, world)
        chunk[(rank - s - 1) % world].add_(inbox)
    for s in range(world - 1):
        _pass(chunk[(rank + 1 - s) % world], chunk[(rank - s) % world], rank, world)
    return tensor


def train_step(model, optimizer, xb, yb):
    model.train()
    optimizer.zero_grad(set_to_none=True)
    loss = F.cross_entropy(model(xb), yb)
    loss.backward()
    average_gradients(model)
    optimizer.step()
    return float(loss)
