# expect: the cosine runs upward
# mistake: cosine uses (1 - cos)/2: rate rises after warm-up
import math


def warmup_cosine(base_lr: float, warmup_steps: int, total_steps: int, start_factor: float,
                  eta_min: float = 0.0) -> list[float]:
    rates = []
    T = total_steps - warmup_steps
    for i in range(total_steps):
        if i < warmup_steps:
            lr = base_lr * (start_factor + (1 - start_factor) * i / warmup_steps)
        else:
            t = i - warmup_steps
            lr = eta_min + (base_lr - eta_min) * (1 - math.cos(math.pi * t / T)) / 2
        rates.append(float(lr))
    return rates


def step_decay(base_lr: float, step_size: int, gamma: float, epochs: int, steps_per_epoch: int) -> list[float]:
    rates = []
    for epoch in range(epochs):
        for _ in range(steps_per_epoch):
            rates.append(float(base_lr * gamma ** (epoch // step_size)))
    return rates
