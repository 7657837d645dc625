# expect: not divided by k
"""Sums the micro-batch gradients without scaling the losses."""


def accumulated_step(model, loss_fn, optimizer, x, y, micro_batches):
    optimizer.zero_grad()
    total = 0.0
    for xb, yb in zip(x.chunk(micro_batches), y.chunk(micro_batches), strict=False):
        loss = loss_fn(model(xb), yb)
        loss.backward()
        total += loss.item() / micro_batches
    optimizer.step()
    return total
