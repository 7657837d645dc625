"""Reference solution: a two-layer perceptron in NumPy, trained with mini-batch SGD."""

import numpy as np


class NeuralNetwork:
    def __init__(self, input_size, hidden_size, output_size):
        # He initialisation for the ReLU layer, a smaller scale for the output layer.
        self.W1 = np.random.randn(input_size, hidden_size) * np.sqrt(2.0 / input_size)
        self.b1 = np.zeros(hidden_size)
        self.W2 = np.random.randn(hidden_size, output_size) * np.sqrt(1.0 / hidden_size)
        self.b2 = np.zeros(output_size)

    def forward(self, X):
        """Logits (n, output_size); keeps the intermediate values for backward."""
        self.X = X
        self.z1 = X @ self.W1 + self.b1
        self.h = np.maximum(self.z1, 0.0)
        return self.h @ self.W2 + self.b2

    def compute_loss(self, y_onehot, logits):
        """Mean softmax cross-entropy of the logits against one-hot targets."""
        shifted = logits - logits.max(axis=1, keepdims=True)
        log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
        return float(-(y_onehot * log_p).sum() / logits.shape[0])

    def backward(self, y_onehot, logits):
        """Gradients of the mean loss w.r.t. every parameter."""
        n = logits.shape[0]
        p = np.exp(logits - logits.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        dlogits = (p - y_onehot) / n
        dW2 = self.h.T @ dlogits
        db2 = dlogits.sum(axis=0)
        dz1 = (dlogits @ self.W2.T) * (self.z1 > 0)
        dW1 = self.X.T @ dz1
        db1 = dz1.sum(axis=0)
        return dW1, db1, dW2, db2

    def train(self, X, y, epochs=10, learning_rate=0.1, batch_size=32, verbose=False):
        """Mini-batch SGD on integer labels y; returns the mean training loss of each epoch."""
        n_classes = self.W2.shape[1]
        y_onehot = np.eye(n_classes)[y]
        history = []
        for epoch in range(epochs):
            order = np.random.permutation(len(X))
            total = 0.0
            for start in range(0, len(X), batch_size):
                idx = order[start : start + batch_size]
                logits = self.forward(X[idx])
                total += self.compute_loss(y_onehot[idx], logits) * len(idx)
                dW1, db1, dW2, db2 = self.backward(y_onehot[idx], logits)
                self.W1 -= learning_rate * dW1
                self.b1 -= learning_rate * db1
                self.W2 -= learning_rate * dW2
                self.b2 -= learning_rate * db2
            history.append(total / len(X))
            if verbose:
                print(f"epoch {epoch + 1}: loss {history[-1]:.4f}")
        return history
