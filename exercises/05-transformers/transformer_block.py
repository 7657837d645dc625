"""A pre-norm transformer decoder block (GPT-style), in PyTorch.

    x = x + attn(ln1(x))     causal multi-head self-attention: position t sees positions 0..t only
    x = x + mlp(ln2(x))      mlp = fc2(GELU(fc1(.))), fc1: Linear(E, d_ff), fc2: Linear(d_ff, E)

x is (B, T, E); the output has the same shape. No dropout. Use exactly these submodules, so the
checker can copy in the weights of nn.TransformerEncoderLayer(norm_first=True, activation="gelu"):
    self.ln1, self.ln2   nn.LayerNorm(E)
    self.attn            your MultiHeadAttention(E, n_heads) with q_proj, k_proj, v_proj, out_proj
    self.fc1, self.fc2   nn.Linear(E, d_ff), nn.Linear(d_ff, E)
GELU is the exact one (nn.GELU() / F.gelu default). Run `dltutor check transformer_block`.
"""

import torch
from torch import nn


class MultiHeadAttention(nn.Module):
    """Paste your multihead_attention solution here (same constructor and forward)."""

    def __init__(self, embed_dim: int, num_heads: int):
        super().__init__()
        # TODO
        raise NotImplementedError

    def forward(self, query, key, value, mask=None):
        # TODO
        raise NotImplementedError


class Block(nn.Module):
    def __init__(self, d_model: int, n_heads: int, d_ff: int):
        super().__init__()
        # TODO: ln1, attn, ln2, fc1, fc2 (see the docstring above).
        raise NotImplementedError

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO: a causal mask (T, T), True on and below the diagonal, on x's device.
        # TODO: the two residual updates; each branch reads a layer-normed copy of the stream.
        raise NotImplementedError
