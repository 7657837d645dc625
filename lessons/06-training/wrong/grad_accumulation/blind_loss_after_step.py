# expect: forward passes of the model (one per micro-batch), saw


def accumulated_step(model, loss_fn, optimizer, x, y, micro_batches: int) -> float:
    import torch
    k = micro_batches
    optimizer.zero_grad()
    total = 0.0
    for xb, yb in zip(x.chunk(k), y.chunk(k)):
        loss = loss_fn(model(xb), yb) / k
        loss.backward()
        total += loss.item()
    optimizer.step()
    with torch.no_grad():
        return loss_fn(model(x), y).item()
