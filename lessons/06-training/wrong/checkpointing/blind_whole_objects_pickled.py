# expect: save a dict of state dicts
# mistake: pickles the whole model/optimizer/scheduler objects instead of plain state_dicts (needs weights_only=False)
import torch


def save_checkpoint(path, model, optimizer, scheduler, step):
    torch.save({'model': model, 'optimizer': optimizer, 'scheduler': scheduler, 'step': step,
                'rng': torch.get_rng_state()}, path)


def load_checkpoint(path, model, optimizer, scheduler):
    s = torch.load(path, weights_only=False)
    model.load_state_dict(s['model'].state_dict())
    optimizer.load_state_dict(s['optimizer'].state_dict())
    scheduler.load_state_dict(s['scheduler'].state_dict())
    torch.set_rng_state(s['rng'])
    return int(s['step'])
