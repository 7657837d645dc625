# variant: closures per op, every operator written out directly, backward by Kahn's in-degree algorithm
from __future__ import annotations

import math


class Value:
    def __init__(self, data, _children=(), _op=""):
        self.data = float(data)
        self.grad = 0.0
        self._prev = tuple(_children)
        self._op = _op
        self._backward = lambda: None

    def __repr__(self):
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"

    @staticmethod
    def _wrap(x):
        return x if isinstance(x, Value) else Value(x)

    def __add__(self, other):
        other = self._wrap(other)
        out = Value(self.data + other.data, (self, other), "+")
        def _b():
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _b
        return out

    def __mul__(self, other):
        other = self._wrap(other)
        out = Value(self.data * other.data, (self, other), "*")
        def _b():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _b
        return out

    def __pow__(self, k):
        out = Value(math.pow(self.data, k), (self,), "**")
        def _b():
            self.grad += k * math.pow(self.data, k - 1) * out.grad
        out._backward = _b
        return out

    def exp(self):
        out = Value(math.exp(self.data), (self,), "exp")
        def _b():
            self.grad += out.data * out.grad
        out._backward = _b
        return out

    def log(self):
        out = Value(math.log(self.data), (self,), "log")
        def _b():
            self.grad += out.grad / self.data
        out._backward = _b
        return out

    def tanh(self):
        out = Value(math.tanh(self.data), (self,), "tanh")
        def _b():
            self.grad += (1.0 - out.data ** 2) * out.grad
        out._backward = _b
        return out

    def relu(self):
        out = Value(max(self.data, 0.0), (self,), "relu")
        def _b():
            if self.data > 0:
                self.grad += out.grad
        out._backward = _b
        return out

    def __neg__(self):
        out = Value(-self.data, (self,), "neg")
        def _b():
            self.grad -= out.grad
        out._backward = _b
        return out

    def __sub__(self, other):
        other = self._wrap(other)
        out = Value(self.data - other.data, (self, other), "-")
        def _b():
            self.grad += out.grad
            other.grad -= out.grad
        out._backward = _b
        return out

    def __truediv__(self, other):
        other = self._wrap(other)
        out = Value(self.data / other.data, (self, other), "/")
        def _b():
            self.grad += out.grad / other.data
            other.grad -= out.grad * self.data / (other.data * other.data)
        out._backward = _b
        return out

    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other

    def __rsub__(self, other):
        return self._wrap(other) - self

    def __rtruediv__(self, other):
        return self._wrap(other) / self

    def backward(self):
        # collect nodes and count how many parents (users) each has
        users = {}
        stack, nodes = [self], {id(self): self}
        while stack:
            v = stack.pop()
            for c in v._prev:
                users[id(c)] = users.get(id(c), 0) + 1
                if id(c) not in nodes:
                    nodes[id(c)] = c
                    stack.append(c)
        self.grad = 1.0
        ready = [self]
        while ready:
            v = ready.pop()
            v._backward()
            for c in v._prev:
                users[id(c)] -= 1
                if users[id(c)] == 0:
                    ready.append(c)
