# expect: not implemented
"""Learning-rate schedules: linear warm-up followed by cosine decay, and step decay.

Each function returns the learning rate of every optimizer step, in order, exactly as the matching
torch.optim.lr_scheduler sequence produces it (see the task for the schedulers and where they step).

Run `dltutor check lr_schedule` to test your implementation.
"""


def warmup_cosine(base_lr: float, warmup_steps: int, total_steps: int, start_factor: float,
                  eta_min: float = 0.0) -> list[float]:
    # TODO: total_steps rates: a linear warm-up, then a half cosine down towards eta_min
    raise NotImplementedError


def step_decay(base_lr: float, step_size: int, gamma: float, epochs: int, steps_per_epoch: int) -> list[float]:
    # TODO: epochs * steps_per_epoch rates; the rate changes only between epochs
    raise NotImplementedError
