# expect: wrote nothing at the path
"""Keeps the checkpoint in a module-level dict instead of a file."""

import copy

import torch

_SAVED = {}


def save_checkpoint(path, model, optimizer, scheduler, step):
    _SAVED["state"] = copy.deepcopy({"model": model.state_dict(), "optimizer": optimizer.state_dict(),
                                     "scheduler": scheduler.state_dict(), "step": step,
                                     "rng": torch.get_rng_state()})


def load_checkpoint(path, model, optimizer, scheduler):
    state = _SAVED["state"]
    model.load_state_dict(state["model"])
    optimizer.load_state_dict(state["optimizer"])
    scheduler.load_state_dict(state["scheduler"])
    torch.set_rng_state(state["rng"])
    return state["step"]
