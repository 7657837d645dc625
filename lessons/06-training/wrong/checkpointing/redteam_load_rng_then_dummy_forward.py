# expect: something ran the model in training mode after loading
"""Restores the RNG first, then runs the model in train mode on random data to 'check the load worked'."""

import torch


def save_checkpoint(path, model, optimizer, scheduler, step):
    torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(),
                "scheduler": scheduler.state_dict(), "step": step, "rng": torch.get_rng_state()}, path)


def load_checkpoint(path, model, optimizer, scheduler):
    state = torch.load(path, weights_only=True)
    torch.set_rng_state(state["rng"])
    model.load_state_dict(state["model"])
    optimizer.load_state_dict(state["optimizer"])
    scheduler.load_state_dict(state["scheduler"])
    first = next(model.parameters())
    with torch.no_grad():
        out = model(torch.randn(2, first.shape[1], dtype=first.dtype, device=first.device))
    assert torch.isfinite(out).all()
    return state["step"]
