# expect: saving changed the training state
# mistake: save draws a random tensor (a 'checkpoint id') from torch's RNG, so saving changes the running training
import torch


def save_checkpoint(path, model, optimizer, scheduler, step):
    ckpt_id = torch.randint(0, 2**31 - 1, (1,)).item()
    torch.save({'model': model.state_dict(), 'optimizer': optimizer.state_dict(),
                'scheduler': scheduler.state_dict(), 'step': step, 'id': ckpt_id,
                'rng': torch.get_rng_state()}, path)


def load_checkpoint(path, model, optimizer, scheduler):
    s = torch.load(path, weights_only=True)
    model.load_state_dict(s['model'])
    optimizer.load_state_dict(s['optimizer'])
    scheduler.load_state_dict(s['scheduler'])
    torch.set_rng_state(s['rng'])
    return int(s['step'])
