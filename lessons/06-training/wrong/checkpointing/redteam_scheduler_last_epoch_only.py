# expect: setting last_epoch by hand
"""Restores the scheduler by setting last_epoch by hand instead of load_state_dict."""

import torch


def save_checkpoint(path, model, optimizer, scheduler, step):
    torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(),
                "step": step, "rng": torch.get_rng_state()}, path)


def load_checkpoint(path, model, optimizer, scheduler):
    state = torch.load(path, weights_only=True)
    model.load_state_dict(state["model"])
    optimizer.load_state_dict(state["optimizer"])
    scheduler.last_epoch = state["step"]
    torch.set_rng_state(state["rng"])
    return state["step"]
