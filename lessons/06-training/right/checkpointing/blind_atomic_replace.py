# variant: writes to a temporary file and os.replace()s it into place; also CUDA RNG when available; map_location cpu
import os

import torch


def save_checkpoint(path, model, optimizer, scheduler, step):
    state = {
        'model': model.state_dict(),
        'optimizer': optimizer.state_dict(),
        'scheduler': scheduler.state_dict(),
        'step': int(step),
        'rng_cpu': torch.get_rng_state(),
    }
    if torch.cuda.is_available():
        state['rng_cuda'] = torch.cuda.get_rng_state_all()
    tmp = str(path) + '.tmp'
    torch.save(state, tmp)
    os.replace(tmp, path)


def load_checkpoint(path, model, optimizer, scheduler):
    state = torch.load(path, map_location='cpu', weights_only=True)
    model.load_state_dict(state['model'])
    optimizer.load_state_dict(state['optimizer'])
    scheduler.load_state_dict(state['scheduler'])
    torch.set_rng_state(state['rng_cpu'].cpu())
    if 'rng_cuda' in state and torch.cuda.is_available():
        torch.cuda.set_rng_state_all(state['rng_cuda'])
    return int(state['step'])
