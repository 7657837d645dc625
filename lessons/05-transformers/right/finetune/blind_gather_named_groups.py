# variant: torch.gather pooling of the last real word, param groups built from named_parameters, detach().item() losses
import torch
import torch.nn.functional as F
from torch import nn


class SentimentClassifier(nn.Module):
    def __init__(self, pretrained):
        super().__init__()
        self.encoder = pretrained
        self.classifier = nn.Linear(pretrained.d_model, 2)

    def forward(self, ids, lengths):
        h = self.encoder.features(ids)                          # (B, T, D)
        last = (lengths.to(ids.device) - 1).view(-1, 1, 1).expand(-1, 1, h.size(-1))
        pooled = torch.gather(h, 1, last).squeeze(1)            # (B, D)
        return self.classifier(pooled)


def make_optimizer(model):
    body, head = [], []
    for name, p in model.named_parameters():
        (head if name.startswith("classifier.") else body).append(p)
    return torch.optim.AdamW([dict(params=body, lr=1e-3), dict(params=head, lr=1e-2)], weight_decay=0.01)


def finetune(model, optimizer, ids, lengths, labels, steps, batch_size=32, generator=None):
    model.train()
    dev = next(model.parameters()).device
    out = []
    step = 0
    while step < steps:
        rows = torch.randint(len(ids), (batch_size,), generator=generator)
        logits = model(ids[rows].to(dev), lengths[rows].to(dev))
        loss = F.cross_entropy(logits, labels[rows].to(dev))
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        out.append(loss.detach().item())
        step += 1
    return out


@torch.no_grad()
def predict(model, ids, lengths):
    was = model.training
    model.eval()
    dev = next(model.parameters()).device
    pred = model(ids.to(dev), lengths.to(dev)).argmax(-1).to(torch.int64).cpu()
    model.train(was)
    return pred
