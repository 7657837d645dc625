# expect: times the full-batch step
"""Divides each loss by the micro-batch size, as if loss_fn summed."""


def accumulated_step(model, loss_fn, optimizer, x, y, micro_batches):
    optimizer.zero_grad()
    size = len(x) // micro_batches
    total = 0.0
    for i in range(micro_batches):
        xb, yb = x[i * size:(i + 1) * size], y[i * size:(i + 1) * size]
        loss = loss_fn(model(xb), yb) / size
        loss.backward()
        total += loss.item() * size / micro_batches
    optimizer.step()
    return total
