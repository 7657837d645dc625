import numpy as np


def warmup_cosine(base_lr, warmup_steps, total_steps, start_factor, eta_min=0.0):
    i = np.arange(total_steps, dtype=np.float64)
    warm = base_lr * (start_factor + (1.0 - start_factor) * i / max(warmup_steps, 1))
    t = np.clip(i - warmup_steps, 0, None)
    cos = eta_min + (base_lr - eta_min) * 0.5 * (1.0 + np.cos(np.pi * t / (total_steps - warmup_steps)))
    return np.where(i < warmup_steps, warm, cos).tolist()


def step_decay(base_lr, step_size, gamma, epochs, steps_per_epoch):
    per_epoch = base_lr * np.power(float(gamma), np.arange(epochs) // step_size)
    return np.repeat(per_epoch, steps_per_epoch).tolist()
