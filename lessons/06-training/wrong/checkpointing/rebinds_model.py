# expect: model's weights are not the saved ones
"""Saves the whole model object and rebinds the local name on load."""

import torch


def save_checkpoint(path, model, optimizer, scheduler, step):
    torch.save({"model": model, "optimizer": optimizer.state_dict(), "scheduler": scheduler.state_dict(),
                "step": step, "rng": torch.get_rng_state()}, path)


def load_checkpoint(path, model, optimizer, scheduler):
    state = torch.load(path, weights_only=False)
    model = state["model"]  # noqa: F841  (only the local name changes)
    optimizer.load_state_dict(state["optimizer"])
    scheduler.load_state_dict(state["scheduler"])
    torch.set_rng_state(state["rng"])
    return state["step"]
