# expect: micro-batches: use x.chunk(k), or x.split(len(x) // k).


def accumulated_step(model, loss_fn, optimizer, x, y, micro_batches: int) -> float:
    k = micro_batches
    optimizer.zero_grad()
    total = 0.0
    for xb, yb in zip(x.split(k), y.split(k)):
        loss = loss_fn(model(xb), yb) / k
        loss.backward()
        total += loss.item()
    optimizer.step()
    return total
