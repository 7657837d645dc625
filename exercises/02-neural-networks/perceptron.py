"""The perceptron: a weighted sum plus a bias, through a step function.

    perceptron(x) = 1 if x · weights + bias > 0 else 0

`x` is either one sample of shape (d,) or a batch of shape (n, d);
`weights` has shape (d,) and `bias` is a number.
Return an int (1 or 0) for one sample, and an integer array of shape (n,)
for a batch.

Run `dltutor check perceptron` to test your implementation.
"""

import numpy as np


def perceptron(x, weights, bias):
    """Step activation of x @ weights + bias: an int for (d,), an int array (n,) for (n, d)."""
    # TODO: the pre-activation z = x @ weights + bias, then 1 where z > 0, else 0.
    raise NotImplementedError
