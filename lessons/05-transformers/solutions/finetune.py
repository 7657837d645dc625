"""Reference: fine-tune the pretrained review language model for sentiment."""

import torch
import torch.nn.functional as F
from torch import nn


class SentimentClassifier(nn.Module):
    """The pretrained body, the hidden state of each review's LAST real word, a linear head."""

    def __init__(self, pretrained):
        super().__init__()
        self.body = pretrained  # keep its weights: that is the whole point
        self.head = nn.Linear(pretrained.d_model, 2)

    def forward(self, ids, lengths):
        hidden = self.body.features(ids)  # (B, T, d); causal, so only the last word has read everything
        last = hidden[torch.arange(len(ids), device=ids.device), lengths - 1]
        return self.head(last)


def make_optimizer(model):
    # Discriminative learning rates: the new head starts from nothing, the body only needs nudging.
    return torch.optim.AdamW(
        [
            {"params": model.body.parameters(), "lr": 1e-3},
            {"params": model.head.parameters(), "lr": 1e-2},
        ]
    )


def finetune(model, optimizer, ids, lengths, labels, steps, batch_size=32, generator=None):
    model.train()  # dropout on while learning
    losses = []
    for _ in range(steps):
        rows = torch.randint(0, len(ids), (batch_size,), generator=generator).to(ids.device)
        loss = F.cross_entropy(model(ids[rows], lengths[rows]), labels[rows])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


@torch.no_grad()
def predict(model, ids, lengths):
    model.eval()  # dropout off: the same review always gets the same answer
    return model(ids, lengths).argmax(dim=1)
