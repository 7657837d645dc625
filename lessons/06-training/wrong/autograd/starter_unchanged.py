# expect: not implemented
"""A scalar autograd engine.

Every operation on a `Value` builds a node of a computational graph; `backward()` walks that
graph from the output back to the inputs, applying the chain rule once per node.

Run `dltutor check autograd` to test your implementation.
"""

from __future__ import annotations

import math


class Value:
    """One number in a computational graph, with the gradient of the final output in `.grad`."""

    def __init__(self, data, _children=(), _op=""):
        self.data = float(data)
        self.grad = 0.0
        self._prev = tuple(_children)   # the Values this one was computed from
        self._op = _op                  # for printing only
        self._backward = lambda: None   # adds this node's gradient into its children's .grad

    def __repr__(self):
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += out.grad
            other.grad += out.grad

        out._backward = _backward
        return out

    def __mul__(self, other):
        # TODO: like __add__; d(a*b)/da = b and d(a*b)/db = a.
        raise NotImplementedError

    def __pow__(self, k):
        # TODO: k is a plain int or float (not a Value).
        raise NotImplementedError

    def exp(self):
        # TODO
        raise NotImplementedError

    def log(self):
        # TODO
        raise NotImplementedError

    def tanh(self):
        # TODO
        raise NotImplementedError

    def relu(self):
        # TODO: the derivative is 1 where the input is positive, else 0.
        raise NotImplementedError

    # The remaining operators can be built from the ones above.
    def __neg__(self):
        # TODO
        raise NotImplementedError

    def __sub__(self, other):
        # TODO
        raise NotImplementedError

    def __truediv__(self, other):
        # TODO
        raise NotImplementedError

    def __radd__(self, other):   # other + self, when other is a plain number
        return self + other

    def __rmul__(self, other):   # other * self
        # TODO
        raise NotImplementedError

    def __rsub__(self, other):   # other - self
        # TODO
        raise NotImplementedError

    def __rtruediv__(self, other):   # other / self
        # TODO
        raise NotImplementedError

    def backward(self):
        """Set self.grad = 1 and fill .grad of every Value this one depends on."""
        # TODO: order the graph topologically, then call each node's _backward from the output back.
        raise NotImplementedError
