# expect: off by one
"""Returns the step to run next instead of the steps done."""

import torch


def save_checkpoint(path, model, optimizer, scheduler, step: int) -> None:
    state = {
        "model": model.state_dict(),
        "optimizer": optimizer.state_dict(),  # Adam's moments and step counts
        "scheduler": scheduler.state_dict(),  # where the schedule is
        "step": step,
        "rng": torch.get_rng_state(),  # batches and dropout masks after the resume
    }
    if torch.cuda.is_available():
        state["cuda_rng"] = torch.cuda.get_rng_state_all()
    torch.save(state, path)


def load_checkpoint(path, model, optimizer, scheduler) -> int:
    state = torch.load(path, weights_only=True)
    model.load_state_dict(state["model"])
    optimizer.load_state_dict(state["optimizer"])
    scheduler.load_state_dict(state["scheduler"])
    torch.set_rng_state(state["rng"])
    if "cuda_rng" in state and torch.cuda.is_available():
        torch.cuda.set_rng_state_all(state["cuda_rng"])
    return int(state["step"]) + 1
