# expect: return the full-batch loss as a Python float (sum of


def accumulated_step(model, loss_fn, optimizer, x, y, micro_batches: int) -> float:
    k = micro_batches
    optimizer.zero_grad()
    total = 0.0
    for xb, yb in zip(x.chunk(k), y.chunk(k)):
        loss = loss_fn(model(xb), yb) / k
        loss.backward()
        total = total + loss
    optimizer.step()
    return total
