"""Gradients averaged with the learner's own ring (point-to-point only), the ring written with
batch_isend_irecv, shards from tensor_split, parameters broadcast through .data."""

import datetime
import os

import torch
import torch.distributed as dist
import torch.nn.functional as F


def pick_backend(world_size):
    if not torch.cuda.is_available():
        return "gloo"
    if torch.cuda.device_count() < world_size:
        return "gloo"  # NCCL wants one device per rank
    return "nccl"


def init_distributed(timeout_s=30.0):
    rank, world = int(os.environ["RANK"]), int(os.environ["WORLD_SIZE"])
    dist.init_process_group(pick_backend(world), rank=rank, world_size=world,
                            timeout=datetime.timedelta(seconds=timeout_s))
    if dist.get_backend() == "nccl":
        torch.cuda.set_device(int(os.environ.get("LOCAL_RANK", 0)))
    return rank, world


def shard_indices(n, rank, world_size):
    return torch.arange(n).tensor_split(world_size)[rank].tolist()


def broadcast_parameters(model):
    for p in model.parameters():
        dist.broadcast(p.data, 0)


def _swap(send, recv, rank, world):
    ops = []
    if send.numel():
        ops.append(dist.P2POp(dist.isend, send, (rank + 1) % world))
    if recv.numel():
        ops.append(dist.P2POp(dist.irecv, recv, (rank - 1 + world) % world))
    if ops:
        for req in dist.batch_isend_irecv(ops):
            req.wait()


def ring_all_reduce(tensor):
    world, rank = dist.get_world_size(), dist.get_rank()
    parts = tensor.view(-1).tensor_split(world)
    for s in range(world - 1):
        i_send, i_recv = (rank - s) % world, (rank - s - 1) % world
        buf = parts[i_recv].clone()
        _swap(parts[i_send], buf, rank, world)
        parts[i_recv].add_(buf)
    for s in range(world - 1):
        _swap(parts[(rank - s + 1) % world], parts[(rank - s) % world], rank, world)
    return tensor


def average_gradients(model):
    world = dist.get_world_size()
    for p in model.parameters():
        if p.grad is None:
            continue
        flat = p.grad.detach().reshape(-1).clone()
        ring_all_reduce(flat)
        p.grad.copy_((flat / world).view_as(p.grad))


def train_step(model, optimizer, xb, yb):
    optimizer.zero_grad()
    logits = model(xb)
    loss = F.cross_entropy(logits, yb, reduction="mean")
    loss.backward()
    average_gradients(model)
    optimizer.step()
    return loss.detach().item()
