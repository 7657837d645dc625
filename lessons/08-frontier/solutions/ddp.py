"""Reference solution: data-parallel training by hand with torch.distributed.

Run it with `torchrun --nproc-per-node 2 ddp.py` (see the bottom of the file).
"""

import datetime
import os

import torch
import torch.distributed as dist
import torch.nn.functional as F


def pick_backend(world_size):
    """NCCL needs one GPU per rank; with fewer GPUs than ranks (or none), gloo."""
    if torch.cuda.is_available() and torch.cuda.device_count() >= world_size:
        return "nccl"
    return "gloo"


def init_distributed(timeout_s=30.0):
    """Join the group torchrun describes in the environment; return (rank, world_size)."""
    rank = int(os.environ["RANK"])
    world_size = int(os.environ["WORLD_SIZE"])
    backend = pick_backend(world_size)
    if backend == "nccl":
        torch.cuda.set_device(int(os.environ.get("LOCAL_RANK", rank)))
    dist.init_process_group(backend, rank=rank, world_size=world_size, timeout=datetime.timedelta(seconds=timeout_s))
    return rank, world_size


def shard_indices(n, rank, world_size):
    """Every world_size-th sample, starting at rank: disjoint, complete, sizes within one."""
    return list(range(rank, n, world_size))


def broadcast_parameters(model):
    """Start every rank from rank 0's weights."""
    with torch.no_grad():
        for p in model.parameters():
            dist.broadcast(p, src=0)


def average_gradients(model):
    """Replace every rank's gradients by their mean over the ranks."""
    world_size = dist.get_world_size()
    for p in model.parameters():
        if p.grad is not None:
            dist.all_reduce(p.grad, op=dist.ReduceOp.SUM)
            p.grad /= world_size


def _exchange(send_buf, recv_buf, right, left):
    """Send to the right neighbour while receiving from the left; empty chunks travel not at all."""
    requests = []
    if send_buf.numel():
        requests.append(dist.isend(send_buf, right))
    if recv_buf.numel():
        requests.append(dist.irecv(recv_buf, left))
    for request in requests:
        request.wait()


def ring_all_reduce(tensor):
    """Sum `tensor` over all ranks, in place, by passing chunks around a ring.

    Reduce-scatter: W - 1 steps, each rank sends one chunk right and adds the chunk
    arriving from the left; afterwards rank r holds the full sum of chunk (r + 1) % W.
    All-gather: W - 1 more steps pass the finished chunks around. Each rank sends
    2(W - 1)/W of the tensor in total, whatever W is.
    """
    rank, world = dist.get_rank(), dist.get_world_size()
    if world == 1:
        return tensor
    chunks = list(tensor.view(-1).tensor_split(world))  # views; sizes differ by at most one
    right, left = (rank + 1) % world, (rank - 1) % world
    for step in range(world - 1):
        send_i, recv_i = (rank - step) % world, (rank - step - 1) % world
        incoming = torch.empty_like(chunks[recv_i])
        _exchange(chunks[send_i], incoming, right, left)
        chunks[recv_i] += incoming
    for step in range(world - 1):
        send_i, recv_i = (rank - step + 1) % world, (rank - step) % world
        _exchange(chunks[send_i], chunks[recv_i], right, left)
    return tensor


def train_step(model, optimizer, xb, yb):
    """One synchronous data-parallel step on this rank's shard; returns this rank's loss."""
    optimizer.zero_grad()
    loss = F.cross_entropy(model(xb), yb)
    loss.backward()
    average_gradients(model)
    optimizer.step()
    return loss.item()


if __name__ == "__main__":
    # torchrun --nproc-per-node 2 ddp.py
    rank, world_size = init_distributed()
    torch.manual_seed(rank)  # deliberately different: broadcast_parameters evens them out
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
