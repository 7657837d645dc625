# expect: built inside load_checkpoint is thrown away
# mistake: load builds a NEW Adam (rebinding the local name) and restores into it; the caller's optimizer is left fresh
import torch


def save_checkpoint(path, model, optimizer, scheduler, step):
    torch.save({'model': model.state_dict(), 'optimizer': optimizer.state_dict(),
                'scheduler': scheduler.state_dict(), 'step': step,
                'rng': torch.get_rng_state()}, path)


def load_checkpoint(path, model, optimizer, scheduler):
    s = torch.load(path, weights_only=True)
    model.load_state_dict(s['model'])
    optimizer = torch.optim.Adam(model.parameters())
    optimizer.load_state_dict(s['optimizer'])
    scheduler.load_state_dict(s['scheduler'])
    torch.set_rng_state(s['rng'])
    return int(s['step'])
