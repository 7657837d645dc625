"""Reference solution: warm-up + cosine and step decay as closed forms, one learning rate per optimizer step."""

import math


def warmup_cosine(base_lr, warmup_steps, total_steps, start_factor, eta_min=0.0):
    lrs = []
    decay_steps = total_steps - warmup_steps
    for i in range(total_steps):
        if i < warmup_steps:
            # LinearLR: the factor goes from start_factor (i = 0) to 1 (i = warmup_steps) in equal steps
            lrs.append(base_lr * (start_factor + (1 - start_factor) * i / warmup_steps))
        else:
            progress = (i - warmup_steps) / decay_steps  # 0 at the peak, 1 one step after the last
            lrs.append(eta_min + (base_lr - eta_min) * (1 + math.cos(math.pi * progress)) / 2)
    return lrs


def step_decay(base_lr, step_size, gamma, epochs, steps_per_epoch):
    # StepLR counts epochs: every optimizer step of an epoch uses that epoch's rate
    return [base_lr * gamma ** (epoch // step_size) for epoch in range(epochs) for _ in range(steps_per_epoch)]
