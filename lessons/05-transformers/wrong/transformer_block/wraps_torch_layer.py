# expect: wraps PyTorch's own transformer layers
import torch
from torch import nn


class Block(nn.Module):
    def __init__(self, d_model, n_heads, d_ff):
        super().__init__()
        self.layer = nn.TransformerEncoderLayer(d_model, n_heads, d_ff, dropout=0.0, activation="gelu",
                                                batch_first=True, norm_first=True)

    def forward(self, x):
        t = x.shape[1]
        return self.layer(x, src_mask=~torch.ones(t, t, dtype=torch.bool, device=x.device).tril())
