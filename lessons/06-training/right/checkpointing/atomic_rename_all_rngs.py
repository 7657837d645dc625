"""Writes to a temporary file and renames it into place; keeps NumPy's and Python's RNG too."""

import os
import random

import numpy as np
import torch


def save_checkpoint(path, model, optimizer, scheduler, step):
    state = {"model": model.state_dict(), "optimizer": optimizer.state_dict(),
             "scheduler": scheduler.state_dict(), "step": step,
             "rng": {"torch": torch.get_rng_state(), "numpy": np.random.get_state(), "python": random.getstate()}}
    if torch.cuda.is_available():
        state["rng"]["cuda"] = torch.cuda.get_rng_state_all()
    tmp = f"{path}.tmp"
    torch.save(state, tmp)
    os.replace(tmp, path)


def load_checkpoint(path, model, optimizer, scheduler):
    state = torch.load(path, weights_only=False)  # NumPy/Python states are not plain tensors; our own file
    rng = state["rng"]
    torch.set_rng_state(rng["torch"])
    if "cuda" in rng:
        torch.cuda.set_rng_state_all(rng["cuda"])
    np.random.set_state(rng["numpy"])
    random.setstate(rng["python"])
    for name, obj in (("model", model), ("optimizer", optimizer), ("scheduler", scheduler)):
        obj.load_state_dict(state[name])
    return state["step"]
