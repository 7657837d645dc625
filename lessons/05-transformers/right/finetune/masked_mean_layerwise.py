"""Masked mean pooling, frozen embeddings and layer-wise learning rates (higher for higher blocks)."""

import torch
import torch.nn.functional as F
from torch import nn


class SentimentClassifier(nn.Module):
    def __init__(self, pretrained):
        super().__init__()
        self.encoder = pretrained
        self.classify = nn.Sequential(nn.Dropout(0.1), nn.Linear(pretrained.d_model, 2))
        for p in [*pretrained.embed.parameters(), *pretrained.pos.parameters()]:
            p.requires_grad_(False)  # the word vectors already separate "good" from "dull"

    def forward(self, ids, lengths):
        h = self.encoder.features(ids)
        real = (torch.arange(ids.shape[1], device=ids.device)[None, :] < lengths[:, None]).unsqueeze(-1)
        pooled = (h * real).sum(dim=1) / lengths[:, None].to(h.dtype)
        return self.classify(pooled)


def make_optimizer(model):
    blocks = model.encoder.blocks
    groups = [{"params": block.parameters(), "lr": 1e-3 * (2 ** i)} for i, block in enumerate(blocks)]
    groups.append({"params": model.encoder.ln_f.parameters(), "lr": 2e-3})
    groups.append({"params": model.classify.parameters(), "lr": 1e-2})
    return torch.optim.Adam(groups)


def finetune(model, optimizer, ids, lengths, labels, steps, batch_size=32, generator=None):
    model.train()
    history = []
    step = 0
    while step < steps:
        idx = torch.randint(len(ids), (batch_size,), generator=generator).to(ids.device)
        logits = model(ids[idx], lengths[idx])
        loss = F.cross_entropy(logits, labels[idx])
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        history.append(float(loss))
        step += 1
    return history


def predict(model, ids, lengths):
    model.eval()
    with torch.inference_mode():
        logits = model(ids, lengths)
    return torch.argmax(logits, dim=-1).long()
