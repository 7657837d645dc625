"""Last real word by gather; body = every parameter not in the head; dropout before the head; clipped gradients."""

import torch
from torch import nn


class SentimentClassifier(nn.Module):
    def __init__(self, pretrained):
        super().__init__()
        self.lm = pretrained
        self.head = nn.Sequential(nn.Dropout(0.1), nn.Linear(pretrained.d_model, 2))

    def forward(self, ids, lengths):
        states = self.lm.features(ids)                                   # (B, T, d)
        index = (lengths - 1).view(-1, 1, 1).expand(-1, 1, states.shape[-1])
        return self.head(states.gather(1, index).squeeze(1))


def make_optimizer(model):
    head_ids = {id(p) for p in model.head.parameters()}
    body = [p for p in model.parameters() if id(p) not in head_ids]
    return torch.optim.AdamW([dict(params=body, lr=1e-3), dict(params=list(model.head.parameters()), lr=1e-2)],
                             weight_decay=0.0)


def finetune(model, optimizer, ids, lengths, labels, steps, batch_size=32, generator=None):
    criterion = nn.CrossEntropyLoss()
    out = []
    for _ in range(steps):
        model.train()
        batch = torch.randint(0, ids.shape[0], (batch_size,), generator=generator).to(ids.device)
        optimizer.zero_grad()
        loss = criterion(model(ids[batch], lengths[batch]), labels[batch])
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 5.0)
        optimizer.step()
        out.append(loss.item())
    return out


@torch.no_grad()
def predict(model, ids, lengths):
    was = model.training
    model.eval()
    labels = model(ids, lengths).argmax(1)
    model.train(was)
    return labels
