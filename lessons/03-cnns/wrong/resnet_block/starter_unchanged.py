# expect: not implemented
"""A ResNet basic block.

    out = relu( bn2(conv2( relu(bn1(conv1(x))) )) + shortcut(x) )

conv1: 3×3, in_channels -> out_channels, stride `stride`, padding 1, no bias
conv2: 3×3, out_channels -> out_channels, stride 1, padding 1, no bias
bn1, bn2: nn.BatchNorm2d(out_channels)
shortcut: the identity (nn.Identity()) when stride == 1 and in_channels == out_channels;
          otherwise a projection, nn.Sequential(1×1 conv with the same stride and no bias,
          BatchNorm2d), so that its output has the main path's shape.

Keep the attribute names conv1, bn1, conv2, bn2, shortcut: the checker loads its own weights
into your block through them. Run `dltutor check resnet_block` (add `--device cuda` on a GPU).
"""

import torch
import torch.nn.functional as F  # noqa: F401 - you will need it
from torch import nn


class BasicBlock(nn.Module):
    """conv3×3(stride)-BN-ReLU-conv3×3-BN, plus a shortcut, then ReLU."""

    def __init__(self, in_channels: int, out_channels: int, stride: int = 1) -> None:
        super().__init__()
        # TODO: self.conv1, self.bn1, self.conv2, self.bn2, self.shortcut
        raise NotImplementedError

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO
        raise NotImplementedError
