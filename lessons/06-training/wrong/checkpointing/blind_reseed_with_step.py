# expect: reseeding with manual_seed starts a different
# mistake: instead of saving the RNG state, load reseeds torch with the step (torch.manual_seed(step)): a different random stream
import torch


def save_checkpoint(path, model, optimizer, scheduler, step):
    torch.save({'model': model.state_dict(), 'optimizer': optimizer.state_dict(),
                'scheduler': scheduler.state_dict(), 'step': step}, path)


def load_checkpoint(path, model, optimizer, scheduler):
    s = torch.load(path, weights_only=True)
    model.load_state_dict(s['model'])
    optimizer.load_state_dict(s['optimizer'])
    scheduler.load_state_dict(s['scheduler'])
    torch.manual_seed(int(s['step']))
    return int(s['step'])
