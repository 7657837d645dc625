"""A single artificial neuron with a hard threshold.

The neuron multiplies each input by its weight, adds the products up, and
fires (returns 1) only if that weighted sum is strictly greater than the
threshold; otherwise it returns 0.

`inputs` and `weights` have the same length and may be NumPy arrays or plain
Python lists.

Run `dltutor check neuron` to test your implementation.
"""

import numpy as np


def simple_neuron(inputs, weights, threshold=0.5) -> int:
    """1 if sum_i inputs[i] * weights[i] > threshold, else 0 (an int)."""
    # TODO: compute the weighted sum, compare it with the threshold, return 1 or 0.
    raise NotImplementedError
