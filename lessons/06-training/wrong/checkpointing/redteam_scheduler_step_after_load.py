# expect: AHEAD of the saved run
"""Restores everything, then steps the scheduler once 'to catch up' with the saved step."""

import torch


def save_checkpoint(path, model, optimizer, scheduler, step):
    torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(),
                "scheduler": scheduler.state_dict(), "step": step, "rng": torch.get_rng_state()}, path)


def load_checkpoint(path, model, optimizer, scheduler):
    state = torch.load(path, weights_only=True)
    model.load_state_dict(state["model"])
    optimizer.load_state_dict(state["optimizer"])
    scheduler.load_state_dict(state["scheduler"])
    scheduler.step()
    torch.set_rng_state(state["rng"])
    return state["step"]
