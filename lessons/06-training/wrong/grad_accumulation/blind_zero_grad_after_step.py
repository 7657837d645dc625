# expect: the gradients already in .grad before the call were kept


def accumulated_step(model, loss_fn, optimizer, x, y, micro_batches: int) -> float:
    k = micro_batches
    total = 0.0
    for xb, yb in zip(x.chunk(k), y.chunk(k)):
        loss = loss_fn(model(xb), yb) / k
        loss.backward()
        total += loss.item()
    optimizer.step()
    optimizer.zero_grad()
    return total
