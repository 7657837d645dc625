# variant: mean over the REAL positions only (padding masked out), one-hot mask from lengths; two lr groups
import torch
import torch.nn.functional as F
from torch import nn


class SentimentClassifier(nn.Module):
    def __init__(self, pretrained):
        super().__init__()
        self.body = pretrained
        self.head = nn.Linear(pretrained.d_model, 2)

    def forward(self, ids, lengths):
        h = self.body.features(ids)
        T = ids.shape[1]
        lengths = lengths.to(ids.device)
        mask = (torch.arange(T, device=ids.device)[None, :] < lengths[:, None]).to(h.dtype)   # (B, T)
        pooled = (h * mask[..., None]).sum(1) / lengths[:, None].to(h.dtype)
        return self.head(pooled)


def make_optimizer(model):
    return torch.optim.AdamW([
        {"params": list(model.body.parameters()), "lr": 1e-3},
        {"params": list(model.head.parameters()), "lr": 1e-2},
    ])


def finetune(model, optimizer, ids, lengths, labels, steps, batch_size=32, generator=None):
    model.train()
    losses = []
    for _ in range(steps):
        rows = torch.randint(0, ids.shape[0], (batch_size,), generator=generator)
        optimizer.zero_grad()
        loss = F.cross_entropy(model(ids[rows], lengths[rows]), labels[rows])
        loss.backward()
        optimizer.step()
        losses.append(float(loss.item()))
    return losses


def predict(model, ids, lengths):
    model.eval()
    with torch.no_grad():
        return torch.argmax(model(ids, lengths), dim=1).long()
