# expect: saving changed the training state
"""Tags the checkpoint with a random id — drawn from the very RNG the run depends on."""

import torch


def save_checkpoint(path, model, optimizer, scheduler, step):
    rng = torch.get_rng_state()
    run_id = torch.randint(0, 10**6, ()).item()
    torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(),
                "scheduler": scheduler.state_dict(), "step": step, "rng": rng, "id": run_id}, path)


def load_checkpoint(path, model, optimizer, scheduler):
    state = torch.load(path, weights_only=True)
    model.load_state_dict(state["model"])
    optimizer.load_state_dict(state["optimizer"])
    scheduler.load_state_dict(state["scheduler"])
    torch.set_rng_state(state["rng"])
    return state["step"]
