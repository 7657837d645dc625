# expect: torch's random number generator is not
# mistake: does not save or restore torch's RNG state: dropout masks and batches differ after the resume
import torch


def save_checkpoint(path, model, optimizer, scheduler, step):
    torch.save({'model': model.state_dict(), 'optimizer': optimizer.state_dict(),
                'scheduler': scheduler.state_dict(), 'step': step}, path)


def load_checkpoint(path, model, optimizer, scheduler):
    s = torch.load(path, weights_only=True)
    model.load_state_dict(s['model'])
    optimizer.load_state_dict(s['optimizer'])
    scheduler.load_state_dict(s['scheduler'])
    return int(s['step'])
