import math


def _lift(x):
    return x if isinstance(x, Value) else Value(x)


class Value:
    __slots__ = ("data", "grad", "_parents", "_grads")

    def __init__(self, data, parents=(), local_grads=()):
        self.data = float(data)
        self.grad = 0.0
        self._parents = parents
        self._grads = local_grads

    def _unary(self, y, dy):
        return Value(y, (self,), (dy,))

    def __add__(self, o):
        o = _lift(o)
        return Value(self.data + o.data, (self, o), (1.0, 1.0))

    __radd__ = __add__

    def __sub__(self, o):
        o = _lift(o)
        return Value(self.data - o.data, (self, o), (1.0, -1.0))

    def __rsub__(self, o):
        return _lift(o) - self

    def __mul__(self, o):
        o = _lift(o)
        return Value(self.data * o.data, (self, o), (o.data, self.data))

    __rmul__ = __mul__

    def __truediv__(self, o):
        o = _lift(o)
        return Value(self.data / o.data, (self, o), (1.0 / o.data, -self.data / o.data ** 2))

    def __rtruediv__(self, o):
        return _lift(o) / self

    def __neg__(self):
        return self._unary(-self.data, -1.0)

    def __pow__(self, k):
        return self._unary(self.data ** k, k * self.data ** (k - 1))

    def exp(self):
        e = math.exp(self.data)
        return self._unary(e, e)

    def log(self):
        return self._unary(math.log(self.data), 1.0 / self.data)

    def tanh(self):
        t = math.tanh(self.data)
        return self._unary(t, 1.0 - t * t)

    def relu(self):
        return self._unary(max(self.data, 0.0), float(self.data > 0))

    def backward(self):
        order, seen, stack = [], set(), [(self, False)]
        while stack:
            node, done = stack.pop()
            if done:
                order.append(node)
                continue
            if id(node) in seen:
                continue
            seen.add(id(node))
            stack.append((node, True))
            for p in node._parents:
                if id(p) not in seen:
                    stack.append((p, False))
        self.grad = 1.0
        for node in reversed(order):
            for p, g in zip(node._parents, node._grads):
                p.grad += g * node.grad
