"""Fine-tune a pretrained transformer for sentiment (lesson: fine-tuning).

The checker gives you `pretrained`: a small word-level GPT that the course pretrained on movie reviews
(every clause of its training text ended with ":)" or ":(", so it learnt to tell a clause's polarity,
negations included). What you can use:

    pretrained.features(ids)  (B, T) int64 -> (B, T, pretrained.d_model) hidden states.
                              CAUSAL: position t has read words 0..t only.
    pretrained.d_model        width of the hidden states (32)
    pretrained.embed, .pos, .blocks (a ModuleList of 2 blocks), .ln_f   the body
    pretrained.lm_head        the next-word head (you do not need it)

Batches: ids (B, T) int64 padded on the RIGHT with 0; lengths (B,) int64, the number of real words;
labels (B,) int64, 1 = positive, 0 = negative. The reviews contain negations ("the plot was not good"),
which is why a bag of words fails here and a model that reads order does not.
"""

import torch  # noqa: F401 - you will want torch.randint, torch.arange
import torch.nn.functional as F  # noqa: F401 - you will want F.cross_entropy
from torch import nn


class SentimentClassifier(nn.Module):
    def __init__(self, pretrained):
        super().__init__()
        # TODO: keep the pretrained body (its weights are the point) and add a new head to 2 classes.
        raise NotImplementedError

    def forward(self, ids, lengths):
        """ids (B, T), lengths (B,) -> logits (B, 2)."""
        # TODO: hidden states from the body, ONE vector per review (which position has read it all?), head.
        raise NotImplementedError


def make_optimizer(model):
    """An optimizer for fine-tuning: which parameters, at which learning rates?"""
    # TODO
    raise NotImplementedError


def finetune(model, optimizer, ids, lengths, labels, steps, batch_size=32, generator=None):
    """Exactly `steps` optimizer steps on random batches (use torch.randint(..., generator=generator));
    returns the list of float losses."""
    # TODO: training mode, then the loop.
    raise NotImplementedError


def predict(model, ids, lengths):
    """int64 labels (N,) for the reviews, the same every time you call it."""
    # TODO
    raise NotImplementedError
