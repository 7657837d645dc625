# expect: ran 2 times
"""Steps after every micro-batch."""


def accumulated_step(model, loss_fn, optimizer, x, y, micro_batches):
    optimizer.zero_grad()
    total = 0.0
    for xb, yb in zip(x.chunk(micro_batches), y.chunk(micro_batches), strict=False):
        loss = loss_fn(model(xb), yb) / micro_batches
        loss.backward()
        optimizer.step()
        total += loss.item()
    return total
