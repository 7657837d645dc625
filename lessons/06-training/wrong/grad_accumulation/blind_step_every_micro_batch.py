# expect: micro-batches; accumulation takes exactly ONE step, after


def accumulated_step(model, loss_fn, optimizer, x, y, micro_batches: int) -> float:
    k = micro_batches
    optimizer.zero_grad()
    total = 0.0
    for xb, yb in zip(x.chunk(k), y.chunk(k)):
        loss = loss_fn(model(xb), yb) / k
        loss.backward()
        total += loss.item()
        optimizer.step()
    return total
