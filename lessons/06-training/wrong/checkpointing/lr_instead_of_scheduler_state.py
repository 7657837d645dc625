# expect: scheduler.load_state_dict
"""Saves the current learning rate and writes it back into the optimizer, leaving the scheduler fresh."""

import torch


def save_checkpoint(path, model, optimizer, scheduler, step):
    torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(),
                "lr": scheduler.get_last_lr(), "step": step, "rng": torch.get_rng_state()}, path)


def load_checkpoint(path, model, optimizer, scheduler):
    state = torch.load(path, weights_only=True)
    model.load_state_dict(state["model"])
    optimizer.load_state_dict(state["optimizer"])
    for group, lr in zip(optimizer.param_groups, state["lr"], strict=True):
        group["lr"] = lr
    torch.set_rng_state(state["rng"])
    return state["step"]
