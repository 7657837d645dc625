# expect: uses torch.optim.lr_scheduler
"""Lets torch do it: correct numbers, but not the exercise."""

import torch
from torch.optim.lr_scheduler import StepLR


def _rates(opt, sched, n, per=1):
    out = []
    for _ in range(n):
        for _ in range(per):
            out.append(opt.param_groups[0]["lr"])
        sched.step()
    return out


def warmup_cosine(base_lr, warmup_steps, total_steps, start_factor, eta_min=0.0):
    opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=base_lr)
    sched = torch.optim.lr_scheduler.SequentialLR(opt, [
        torch.optim.lr_scheduler.LinearLR(opt, start_factor=start_factor, total_iters=warmup_steps),
        torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=total_steps - warmup_steps, eta_min=eta_min),
    ], milestones=[warmup_steps])
    return _rates(opt, sched, total_steps)


def step_decay(base_lr, step_size, gamma, epochs, steps_per_epoch):
    opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=base_lr)
    return _rates(opt, StepLR(opt, step_size, gamma), epochs, steps_per_epoch)
