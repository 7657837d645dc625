import math


def warmup_cosine(base_lr, warmup_steps, total_steps, start_factor, eta_min=0.0):
    out = []
    step = 0
    while len(out) < total_steps:
        if step < warmup_steps:
            frac = step / warmup_steps
            factor = start_factor * (1.0 - frac) + 1.0 * frac
            out.append(base_lr * factor)
        else:
            phase = (step - warmup_steps) / (total_steps - warmup_steps)
            out.append(eta_min + 0.5 * (base_lr - eta_min) * (1.0 + math.cos(math.pi * phase)))
        step += 1
    return [float(v) for v in out]


def step_decay(base_lr, step_size, gamma, epochs, steps_per_epoch):
    out = []
    lr = base_lr
    for epoch in range(epochs):
        if epoch > 0 and epoch % step_size == 0:
            lr = base_lr * gamma ** (epoch // step_size)
        out.extend([float(lr)] * steps_per_epoch)
    return out
