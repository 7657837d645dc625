# variant: each node stores (child, local derivative) pairs; backward uses an iterative DFS postorder (no recursion)
import math


def _v(x):
    return x if isinstance(x, Value) else Value(x)


class Value:
    def __init__(self, data, _children=(), _op="", _local=()):
        self.data = float(data)
        self.grad = 0.0
        self._prev = tuple(_children)
        self._op = _op
        self._local = tuple(_local)

    def __repr__(self):
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"

    def _backward(self):
        for c, d in zip(self._prev, self._local):
            c.grad += d * self.grad

    def __add__(self, o):
        o = _v(o)
        return Value(self.data + o.data, (self, o), "+", (1.0, 1.0))

    def __sub__(self, o):
        o = _v(o)
        return Value(self.data - o.data, (self, o), "-", (1.0, -1.0))

    def __mul__(self, o):
        o = _v(o)
        return Value(self.data * o.data, (self, o), "*", (o.data, self.data))

    def __truediv__(self, o):
        o = _v(o)
        return Value(self.data / o.data, (self, o), "/", (1.0 / o.data, -self.data / o.data ** 2))

    def __pow__(self, k):
        return Value(self.data ** k, (self,), "**", (k * self.data ** (k - 1),))

    def __neg__(self):
        return Value(-self.data, (self,), "neg", (-1.0,))

    def __radd__(self, o):
        return _v(o) + self

    def __rsub__(self, o):
        return _v(o) - self

    def __rmul__(self, o):
        return _v(o) * self

    def __rtruediv__(self, o):
        return _v(o) / self

    def exp(self):
        e = math.exp(self.data)
        return Value(e, (self,), "exp", (e,))

    def log(self):
        return Value(math.log(self.data), (self,), "log", (1.0 / self.data,))

    def tanh(self):
        t = math.tanh(self.data)
        return Value(t, (self,), "tanh", (1.0 - t * t,))

    def relu(self):
        pos = self.data > 0
        return Value(self.data if pos else 0.0, (self,), "relu", (1.0 if pos else 0.0,))

    def backward(self):
        order, seen = [], set()
        stack = [(self, False)]
        while stack:
            node, done = stack.pop()
            if done:
                order.append(node)
                continue
            if id(node) in seen:
                continue
            seen.add(id(node))
            stack.append((node, True))
            for c in node._prev:
                if id(c) not in seen:
                    stack.append((c, False))
        self.grad = 1.0
        for node in reversed(order):
            node._backward()
