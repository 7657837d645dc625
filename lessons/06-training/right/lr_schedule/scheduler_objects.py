"""Small scheduler objects driven by a training-loop-shaped loop, as one would use torch's."""

import math


class WarmupCosine:
    def __init__(self, base_lr, warmup_steps, total_steps, start_factor, eta_min):
        self.base, self.warm, self.total, self.start, self.eta = base_lr, warmup_steps, total_steps, start_factor, eta_min
        self.count = 0  # how many times step() has been called

    def lr(self):
        if self.count < self.warm:
            return self.base * (self.start + (1 - self.start) * self.count / self.warm)
        phase = math.pi * (self.count - self.warm) / (self.total - self.warm)
        return self.eta + (self.base - self.eta) * (1 + math.cos(phase)) / 2

    def step(self):
        self.count += 1


class StepDecay:
    def __init__(self, base_lr, step_size, gamma):
        self.base, self.size, self.gamma, self.count = base_lr, step_size, gamma, 0

    def lr(self):
        return self.base * self.gamma ** (self.count // self.size)

    def step(self):
        self.count += 1


def warmup_cosine(base_lr, warmup_steps, total_steps, start_factor, eta_min=0.0):
    sched, rates = WarmupCosine(base_lr, warmup_steps, total_steps, start_factor, eta_min), []
    for _ in range(total_steps):
        rates.append(sched.lr())   # the optimizer step uses the current rate...
        sched.step()               # ...then the scheduler advances
    return rates


def step_decay(base_lr, step_size, gamma, epochs, steps_per_epoch):
    sched, rates = StepDecay(base_lr, step_size, gamma), []
    for _ in range(epochs):
        for _ in range(steps_per_epoch):
            rates.append(sched.lr())
        sched.step()               # once per epoch, after the batches
    return rates
