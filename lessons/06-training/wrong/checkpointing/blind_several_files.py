# expect: The task asks for ONE file at `path`
# mistake: writes several files (path and path + '.opt' / '.rng') instead of ONE file at path
import torch


def save_checkpoint(path, model, optimizer, scheduler, step):
    path = str(path)
    torch.save({'model': model.state_dict(), 'step': step}, path)
    torch.save({'optimizer': optimizer.state_dict(), 'scheduler': scheduler.state_dict()}, path + '.opt')
    torch.save(torch.get_rng_state(), path + '.rng')


def load_checkpoint(path, model, optimizer, scheduler):
    path = str(path)
    s = torch.load(path, weights_only=True)
    o = torch.load(path + '.opt', weights_only=True)
    model.load_state_dict(s['model'])
    optimizer.load_state_dict(o['optimizer'])
    scheduler.load_state_dict(o['scheduler'])
    torch.set_rng_state(torch.load(path + '.rng', weights_only=True))
    return int(s['step'])
