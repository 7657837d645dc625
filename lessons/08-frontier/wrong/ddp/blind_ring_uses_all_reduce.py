# expect: your ring calls all_reduce
# mistake: ring_all_reduce just calls dist.all_reduce instead of building it from isend/irecv
"""Data-parallel training by hand with torch.distributed."""

import datetime  # noqa: F401 - you will need these
import os  # noqa: F401

import torch
import torch.distributed as dist
import torch.nn.functional as F  # noqa: F401


def pick_backend(world_size):
    if torch.cuda.is_available() and torch.cuda.device_count() >= world_size:
        return "nccl"
    return "gloo"


def init_distributed(timeout_s=30.0):
    rank = int(os.environ["RANK"])
    world_size = int(os.environ["WORLD_SIZE"])
    backend = pick_backend(world_size)
    if backend == "nccl":
        torch.cuda.set_device(int(os.environ.get("LOCAL_RANK", rank)))
    dist.init_process_group(backend, rank=rank, world_size=world_size,
                            timeout=datetime.timedelta(seconds=timeout_s))
    return rank, world_size


def shard_indices(n, rank, world_size):
    return list(range(rank, n, world_size))


def broadcast_parameters(model):
    for p in model.parameters():
        dist.broadcast(p.data, src=0)


def average_gradients(model):
    world = dist.get_world_size()
    for p in model.parameters():
        if p.grad is not None:
            dist.all_reduce(p.grad)
            p.grad /= world


def ring_all_reduce(tensor):
    dist.all_reduce(tensor)
    return tensor
    rank, world = dist.get_rank(), dist.get_world_size()
    chunks = tensor.view(-1).tensor_split(world)
    right, left = (rank + 1) % world, (rank - 1) % world
    for s in range(world - 1):
        send_c = chunks[(rank - s) % world]
        recv_c = chunks[(rank - s - 1) % world]
        buf = torch.empty_like(recv_c)
        reqs = []
        if send_c.numel():
            reqs.append(dist.isend(send_c.clone(), right))
        if recv_c.numel():
            reqs.append(dist.irecv(buf, left))
        for r in reqs:
            r.wait()
        if recv_c.numel():
            recv_c += buf
    for s in range(world - 1):
        send_c = chunks[(rank - s + 1) % world]
        recv_c = chunks[(rank - s) % world]
        reqs = []
        if send_c.numel():
            reqs.append(dist.isend(send_c.clone(), right))
        if recv_c.numel():
            buf = torch.empty_like(recv_c)
            reqs.append(dist.irecv(buf, left))
        for r in reqs:
            r.wait()
        if recv_c.numel():
            recv_c.copy_(buf)
    return tensor


def train_step(model, optimizer, xb, yb):
    optimizer.zero_grad()
    loss = F.cross_entropy(model(xb), yb)
    loss.backward()
    average_gradients(model)
    optimizer.step()
    return loss.item()


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
