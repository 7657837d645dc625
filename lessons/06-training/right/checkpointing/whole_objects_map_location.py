"""Saves with a pathlib path and loads onto the CPU first (map_location), restoring the RNG first."""

from pathlib import Path

import torch


def save_checkpoint(path, model, optimizer, scheduler, step):
    checkpoint = dict(step=int(step), rng_state=torch.random.get_rng_state(),
                      model_state=model.state_dict(), optim_state=optimizer.state_dict(),
                      sched_state=scheduler.state_dict())
    if torch.cuda.is_available():
        checkpoint["cuda_rng_state"] = torch.cuda.get_rng_state_all()
    torch.save(checkpoint, Path(path))


def load_checkpoint(path, model, optimizer, scheduler):
    checkpoint = torch.load(Path(path), map_location="cpu", weights_only=True)
    torch.random.set_rng_state(checkpoint["rng_state"])
    if "cuda_rng_state" in checkpoint:
        torch.cuda.set_rng_state_all(checkpoint["cuda_rng_state"])
    model.load_state_dict(checkpoint["model_state"])
    optimizer.load_state_dict(checkpoint["optim_state"])
    scheduler.load_state_dict(checkpoint["sched_state"])
    return checkpoint["step"]
