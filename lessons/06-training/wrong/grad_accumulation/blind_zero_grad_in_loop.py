# expect: only the LAST micro-batch's gradient reached the step


def accumulated_step(model, loss_fn, optimizer, x, y, micro_batches: int) -> float:
    k = micro_batches
    total = 0.0
    for xb, yb in zip(x.chunk(k), y.chunk(k)):
        optimizer.zero_grad()
        loss = loss_fn(model(xb), yb) / k
        loss.backward()
        total += loss.item()
    optimizer.step()
    return total
