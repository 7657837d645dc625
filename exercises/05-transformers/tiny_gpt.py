"""A character-level GPT: the model, its batches, its training loop and a sampler.

    TinyGPT(vocab_size, block_size, d_model=32, n_heads=4, n_layers=2)   an nn.Module
        forward(idx): int64 ids (B, T), any T <= block_size  ->  logits (B, T, vocab_size)
        token embedding + learned position embedding -> n_layers causal pre-norm blocks
        -> final nn.LayerNorm -> nn.Linear head. Keep self.block_size.
        Blocks: paste your Block from transformer_block (and its MultiHeadAttention), or use
        nn.TransformerEncoderLayer(d_model, n_heads, 4 * d_model, dropout=0.0, batch_first=True,
        norm_first=True) and pass it a causal mask (for that layer a boolean mask's True = BLOCKED).

    get_batch(data, block_size, batch_size, generator) -> (x, y), both (batch_size, block_size):
        random windows of the 1-D LongTensor `data`, starts drawn with torch.randint(...,
        generator=generator) (a CPU generator); y is x shifted one token ahead.

    train(model, data, steps, batch_size, lr, generator) -> list of `steps` float losses:
        one AdamW (or Adam) step per batch on the mean next-token cross-entropy.

    sample(model, idx, n_new, temperature=1.0, top_k=None, generator=None) -> (B, T0 + n_new):
        the prompt idx followed by n_new drawn tokens; each step feeds the last block_size tokens,
        uses the LAST position's logits / temperature (temperature == 0 means argmax), keeps the
        top_k largest logits, and draws with torch.multinomial(..., generator=generator) (a
        generator on the model's device).

The checker trains your model for 150 steps on a generated text and wants its held-out loss
below that of a bigram model. Run `dltutor check tiny_gpt`.
"""

import torch
import torch.nn.functional as F  # noqa: F401 - F.cross_entropy, F.softmax are yours to use
from torch import nn


class TinyGPT(nn.Module):
    def __init__(self, vocab_size: int, block_size: int, d_model: int = 32, n_heads: int = 4, n_layers: int = 2):
        super().__init__()
        self.block_size = block_size
        # TODO: token and position embeddings, n_layers blocks (an nn.ModuleList), a final LayerNorm, the head.
        raise NotImplementedError

    def forward(self, idx: torch.Tensor) -> torch.Tensor:
        # TODO: embeddings for the T positions actually given, the blocks (causal), ln_f, head -> (B, T, V).
        raise NotImplementedError


def get_batch(data: torch.Tensor, block_size: int, batch_size: int, generator=None):
    # TODO: random starts, x = windows of block_size tokens, y = the same windows one token later.
    raise NotImplementedError


def train(model, data, steps, batch_size=32, lr=1e-2, generator=None):
    # TODO: an AdamW optimizer; each step: a batch, the loss, zero_grad, backward, step; collect loss.item().
    # F.cross_entropy takes (N, V) logits and (N,) targets.
    raise NotImplementedError


@torch.no_grad()
def sample(model, idx, n_new, temperature=1.0, top_k=None, generator=None):
    # TODO: n_new times: logits of the last position, temperature, top-k, draw one token, append it.
    raise NotImplementedError
