# expect: forward passes before any backward (pass order: FFBB)


def accumulated_step(model, loss_fn, optimizer, x, y, micro_batches: int) -> float:
    k = micro_batches
    optimizer.zero_grad()
    total = 0.0
    for xb, yb in zip(x.chunk(k), y.chunk(k)):
        loss = loss_fn(model(xb), yb) / k
        total = total + loss
    total.backward()
    optimizer.step()
    total = total.item()
    return total
