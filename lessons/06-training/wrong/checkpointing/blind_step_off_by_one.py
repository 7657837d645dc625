# expect: off by one
# mistake: off-by-one: saves step + 1 (as if the step in progress were done), so the resume skips a step
import torch


def save_checkpoint(path, model, optimizer, scheduler, step):
    torch.save({'model': model.state_dict(), 'optimizer': optimizer.state_dict(),
                'scheduler': scheduler.state_dict(), 'step': step + 1,
                'rng': torch.get_rng_state()}, path)


def load_checkpoint(path, model, optimizer, scheduler):
    s = torch.load(path, weights_only=True)
    model.load_state_dict(s['model'])
    optimizer.load_state_dict(s['optimizer'])
    scheduler.load_state_dict(s['scheduler'])
    torch.set_rng_state(s['rng'])
    return int(s['step'])
