# expect: topological
import math


class Value:
    def __init__(self, data, _children=(), _op=""):
        self.data = float(data)
        self.grad = 0.0
        self._prev = tuple(_children)
        self._backward = lambda: None

    @staticmethod
    def _v(o):
        return o if isinstance(o, Value) else Value(o)

    def __add__(self, other):
        other = self._v(other)
        out = Value(self.data + other.data, (self, other))
        def _b():
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _b
        return out

    def __mul__(self, other):
        other = self._v(other)
        out = Value(self.data * other.data, (self, other))
        def _b():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _b
        return out

    def __pow__(self, k):
        out = Value(self.data ** k, (self,))
        def _b():
            self.grad += k * self.data ** (k - 1) * out.grad
        out._backward = _b
        return out

    def exp(self):
        e = math.exp(self.data)
        out = Value(e, (self,))
        def _b():
            self.grad += e * out.grad
        out._backward = _b
        return out

    def log(self):
        out = Value(math.log(self.data), (self,))
        def _b():
            self.grad += out.grad / self.data
        out._backward = _b
        return out

    def tanh(self):
        t = math.tanh(self.data)
        out = Value(t, (self,))
        def _b():
            self.grad += (1 - t * t) * out.grad
        out._backward = _b
        return out

    def relu(self):
        out = Value(self.data if self.data > 0 else 0.0, (self,))
        def _b():
            self.grad += (1.0 if self.data > 0 else 0.0) * out.grad
        out._backward = _b
        return out

    def __neg__(self):
        return self * -1

    def __sub__(self, other):
        return self + (-self._v(other))

    def __truediv__(self, other):
        return self * self._v(other) ** -1

    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other

    def __rsub__(self, other):
        return self._v(other) - self

    def __rtruediv__(self, other):
        return self._v(other) / self

    def backward(self):
        order, seen = [], set()
        def visit(v):
            if v not in seen:
                seen.add(v)
                for c in v._prev:
                    visit(c)
                order.append(v)
        visit(self)
        self.grad = 1.0
        for v in order[::-1][:1] + order[:-1]:
            v._backward()
