# expect: visited the samples in their given order
import numpy as np


class NeuralNetwork:
    def __init__(self, input_size, hidden_size, output_size):
        self.W1 = np.random.randn(input_size, hidden_size) * np.sqrt(2 / input_size)
        self.b1 = np.zeros(hidden_size)
        self.W2 = np.random.randn(hidden_size, output_size) * np.sqrt(2 / hidden_size)
        self.b2 = np.zeros(output_size)

    def forward(self, X):
        self.X = X
        self.z1 = X @ self.W1 + self.b1
        self.h = np.maximum(self.z1, 0)
        return self.h @ self.W2 + self.b2

    def compute_loss(self, y_onehot, logits):
        z = logits - logits.max(axis=1, keepdims=True)
        log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        return float(-(y_onehot * log_p).sum() / len(logits))

    def train(self, X, y, epochs=10, learning_rate=0.1, batch_size=32, verbose=False):
        n = len(X)
        Y = np.eye(self.W2.shape[1])[y]
        losses = []
        for epoch in range(epochs):
            order = np.arange(n)
            total = 0.0
            for start in range(0, n, batch_size):
                idx = order[start:start + batch_size]
                logits = self.forward(X[idx])
                total += self.compute_loss(Y[idx], logits) * len(idx)
                e = np.exp(logits - logits.max(axis=1, keepdims=True))
                p = e / e.sum(axis=1, keepdims=True)
                dlogits = (p - Y[idx]) / len(idx)
                dW2 = self.h.T @ dlogits
                db2 = dlogits.sum(0)
                dh = dlogits @ self.W2.T
                dz1 = dh * (self.z1 > 0)
                dW1 = self.X.T @ dz1
                db1 = dz1.sum(0)
                self.W1 -= learning_rate * dW1
                self.b1 -= learning_rate * db1
                self.W2 -= learning_rate * dW2
                self.b2 -= learning_rate * db2
            losses.append(total / n)
            if verbose:
                print(f"epoch {epoch + 1}: loss {losses[-1]:.4f}")
        return losses
