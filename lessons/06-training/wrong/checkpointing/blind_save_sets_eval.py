# expect: left the model in eval mode
# mistake: save switches the model to eval() (to save 'clean' weights) and never switches back: dropout is off for the rest of the run
import torch


def save_checkpoint(path, model, optimizer, scheduler, step):
    model.eval()
    torch.save({'model': model.state_dict(), 'optimizer': optimizer.state_dict(),
                'scheduler': scheduler.state_dict(), 'step': step,
                'rng': torch.get_rng_state()}, path)


def load_checkpoint(path, model, optimizer, scheduler):
    s = torch.load(path, weights_only=True)
    model.load_state_dict(s['model'])
    optimizer.load_state_dict(s['optimizer'])
    scheduler.load_state_dict(s['scheduler'])
    torch.set_rng_state(s['rng'])
    return int(s['step'])
