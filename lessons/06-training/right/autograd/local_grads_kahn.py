"""Each node stores (child, local derivative) pairs; backward uses Kahn's algorithm on consumer counts."""
import math


class Value:
    def __init__(self, data, parents=()):
        self.data = float(data)
        self.grad = 0.0
        self.parents = tuple(parents)  # ((Value, d self / d that Value), ...)

    @staticmethod
    def wrap(x):
        return x if isinstance(x, Value) else Value(x)

    def __add__(self, o):
        o = Value.wrap(o)
        return Value(self.data + o.data, ((self, 1.0), (o, 1.0)))

    def __sub__(self, o):
        o = Value.wrap(o)
        return Value(self.data - o.data, ((self, 1.0), (o, -1.0)))

    def __mul__(self, o):
        o = Value.wrap(o)
        return Value(self.data * o.data, ((self, o.data), (o, self.data)))

    def __truediv__(self, o):
        o = Value.wrap(o)
        return Value(self.data / o.data, ((self, 1.0 / o.data), (o, -self.data / o.data ** 2)))

    def __neg__(self):
        return Value(-self.data, ((self, -1.0),))

    def __pow__(self, k):
        return Value(self.data ** k, ((self, k * self.data ** (k - 1)),))

    def __radd__(self, o):
        return Value.wrap(o) + self

    def __rsub__(self, o):
        return Value.wrap(o) - self

    def __rmul__(self, o):
        return Value.wrap(o) * self

    def __rtruediv__(self, o):
        return Value.wrap(o) / self

    def exp(self):
        e = math.exp(self.data)
        return Value(e, ((self, e),))

    def log(self):
        return Value(math.log(self.data), ((self, 1.0 / self.data),))

    def tanh(self):
        th = math.tanh(self.data)
        return Value(th, ((self, 1.0 - th * th),))

    def relu(self):
        return Value(self.data if self.data > 0 else 0.0, ((self, 1.0 if self.data > 0 else 0.0),))

    def backward(self):
        consumers = {}
        stack, seen = [self], {id(self)}
        while stack:
            node = stack.pop()
            for parent, _ in node.parents:
                consumers[id(parent)] = consumers.get(id(parent), 0) + 1
                if id(parent) not in seen:
                    seen.add(id(parent))
                    stack.append(parent)
        self.grad = 1.0
        ready = [self]
        while ready:
            node = ready.pop()
            for parent, local in node.parents:
                parent.grad += local * node.grad
                consumers[id(parent)] -= 1
                if consumers[id(parent)] == 0:
                    ready.append(parent)
