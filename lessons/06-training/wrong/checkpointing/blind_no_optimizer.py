# expect: the optimizer's state is not the saved one
# mistake: saves only model weights, scheduler, step and RNG: Adam's moments restart at zero after the resume
import torch


def save_checkpoint(path, model, optimizer, scheduler, step):
    torch.save({'model': model.state_dict(), 'scheduler': scheduler.state_dict(), 'step': step,
                'rng': torch.get_rng_state()}, path)


def load_checkpoint(path, model, optimizer, scheduler):
    s = torch.load(path, weights_only=True)
    model.load_state_dict(s['model'])
    scheduler.load_state_dict(s['scheduler'])
    torch.set_rng_state(s['rng'])
    return int(s['step'])
