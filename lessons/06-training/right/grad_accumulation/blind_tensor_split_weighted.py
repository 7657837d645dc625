import torch


def accumulated_step(model, loss_fn, optimizer, x, y, micro_batches: int) -> float:
    for p in model.parameters():
        p.grad = None
    n = len(x)
    running = 0.0
    for xb, yb in zip(torch.tensor_split(x, micro_batches), torch.tensor_split(y, micro_batches)):
        w = len(xb) / n
        part = loss_fn(model(xb), yb) * w
        part.backward()
        running += float(part.detach())
    optimizer.step()
    return running
