# variant: contiguous balanced shards, one flattened gradient bucket, blocking send/recv ordered even/odd ranks
"""Data-parallel training by hand with torch.distributed."""

import datetime  # noqa: F401 - you will need these
import os  # noqa: F401

import torch
import torch.distributed as dist
import torch.nn.functional as F  # noqa: F401


def pick_backend(world_size):
    gpus = torch.cuda.device_count() if torch.cuda.is_available() else 0
    return "nccl" if gpus >= world_size and gpus > 0 else "gloo"


def init_distributed(timeout_s=30.0):
    backend = pick_backend(int(os.environ["WORLD_SIZE"]))
    if backend == "nccl":
        torch.cuda.set_device(int(os.environ["LOCAL_RANK"]))
    dist.init_process_group(backend=backend, init_method="env://",
                            timeout=datetime.timedelta(seconds=float(timeout_s)))
    return dist.get_rank(), dist.get_world_size()


def shard_indices(n, rank, world_size):
    # contiguous, balanced: the first n % world_size ranks get one extra sample
    base, extra = divmod(n, world_size)
    start = rank * base + min(rank, extra)
    stop = start + base + (1 if rank < extra else 0)
    return list(range(start, stop))


def broadcast_parameters(model):
    params = list(model.parameters())
    flat = torch.cat([p.detach().reshape(-1) for p in params])
    dist.broadcast(flat, src=0)
    offset = 0
    with torch.no_grad():
        for p in params:
            k = p.numel()
            p.copy_(flat[offset:offset + k].view_as(p))
            offset += k


def average_gradients(model):
    # one bucket: flatten every gradient, a single all_reduce, copy back
    grads = [p.grad for p in model.parameters() if p.grad is not None]
    if not grads:
        return
    flat = torch.cat([g.reshape(-1) for g in grads])
    dist.all_reduce(flat, op=dist.ReduceOp.SUM)
    flat.mul_(1.0 / dist.get_world_size())
    offset = 0
    for g in grads:
        k = g.numel()
        g.copy_(flat[offset:offset + k].view_as(g))
        offset += k


def _exchange(send, recv, rank, world):
    # even ranks send first, odd ranks receive first: no deadlock with blocking calls
    right, left = (rank + 1) % world, (rank - 1) % world
    buf = torch.empty_like(recv) if recv.numel() else None
    if rank % 2 == 0:
        if send.numel():
            dist.send(send.contiguous(), right)
        if buf is not None:
            dist.recv(buf, left)
    else:
        if buf is not None:
            dist.recv(buf, left)
        if send.numel():
            dist.send(send.contiguous(), right)
    return buf


def ring_all_reduce(tensor):
    rank, world = dist.get_rank(), dist.get_world_size()
    if world == 1:
        return tensor
    flat = tensor.view(-1)
    chunks = list(flat.tensor_split(world))
    for s in range(world - 1):
        buf = _exchange(chunks[(rank - s) % world], chunks[(rank - s - 1) % world], rank, world)
        if buf is not None:
            chunks[(rank - s - 1) % world].add_(buf)
    for s in range(world - 1):
        buf = _exchange(chunks[(rank - s + 1) % world], chunks[(rank - s) % world], rank, world)
        if buf is not None:
            chunks[(rank - s) % world].copy_(buf)
    return tensor


def train_step(model, optimizer, xb, yb):
    for p in model.parameters():
        p.grad = None
    logits = model(xb)
    loss = F.nll_loss(F.log_softmax(logits, dim=1), yb)
    loss.backward()
    average_gradients(model)
    optimizer.step()
    return float(loss.detach())


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
