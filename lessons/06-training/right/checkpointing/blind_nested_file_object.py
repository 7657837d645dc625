# variant: nested dict layout, written and read through an open file object; step kept as a tensor and converted on load
import torch

_PARTS = ('model', 'optimizer', 'scheduler')


def save_checkpoint(path, model, optimizer, scheduler, step):
    objs = dict(zip(_PARTS, (model, optimizer, scheduler)))
    payload = {'states': {k: o.state_dict() for k, o in objs.items()},
               'meta': {'step': torch.tensor(step, dtype=torch.long), 'rng': torch.get_rng_state().clone()}}
    if torch.cuda.is_available():
        payload['meta']['cuda_rng'] = torch.cuda.get_rng_state_all()
    with open(path, 'wb') as f:
        torch.save(payload, f)


def load_checkpoint(path, model, optimizer, scheduler):
    with open(path, 'rb') as f:
        payload = torch.load(f, weights_only=True)
    for name, obj in zip(_PARTS, (model, optimizer, scheduler)):
        obj.load_state_dict(payload['states'][name])
    meta = payload['meta']
    torch.set_rng_state(meta['rng'])
    if 'cuda_rng' in meta and torch.cuda.is_available():
        torch.cuda.set_rng_state_all(meta['cuda_rng'])
    return int(meta['step'].item())
