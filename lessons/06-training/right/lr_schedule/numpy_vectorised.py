"""Both schedules as NumPy expressions over the array of step indices."""

import numpy as np


def warmup_cosine(base_lr, warmup_steps, total_steps, start_factor, eta_min=0.0):
    i = np.arange(total_steps, dtype=np.float64)
    warm = base_lr * (start_factor + (1.0 - start_factor) * i / warmup_steps)
    t = np.clip(i - warmup_steps, 0, None) / (total_steps - warmup_steps)
    cosine = eta_min + 0.5 * (base_lr - eta_min) * (1.0 + np.cos(np.pi * t))
    return np.where(i < warmup_steps, warm, cosine).tolist()


def step_decay(base_lr, step_size, gamma, epochs, steps_per_epoch):
    epoch = np.arange(epochs * steps_per_epoch) // steps_per_epoch
    return (base_lr * np.power(gamma, epoch // step_size)).tolist()
