# expect: not in parameters() or named_parameters()
"""Saves the parameters (not the full state_dict), so buffers such as BatchNorm statistics are lost."""

import torch


def save_checkpoint(path, model, optimizer, scheduler, step):
    params = {name: p.detach().clone() for name, p in model.named_parameters()}
    torch.save({"params": params, "optimizer": optimizer.state_dict(),
                "scheduler": scheduler.state_dict(), "step": step, "rng": torch.get_rng_state()}, path)


def load_checkpoint(path, model, optimizer, scheduler):
    state = torch.load(path, weights_only=True)
    model.load_state_dict(state["params"], strict=False)
    optimizer.load_state_dict(state["optimizer"])
    scheduler.load_state_dict(state["scheduler"])
    torch.set_rng_state(state["rng"])
    return state["step"]
