import numpy as np
from scipy.special import logsumexp


class NeuralNetwork:
    def __init__(self, input_size, hidden_size, output_size):
        self.W1 = np.random.randn(input_size, hidden_size) / np.sqrt(input_size)
        self.b1 = np.zeros(hidden_size)
        self.W2 = np.random.randn(hidden_size, output_size) / np.sqrt(hidden_size)
        self.b2 = np.zeros(output_size)

    def forward(self, X):
        return np.maximum(X @ self.W1 + self.b1, 0) @ self.W2 + self.b2

    def compute_loss(self, y_onehot, logits):
        log_probs = logits - logsumexp(logits, axis=1, keepdims=True)
        return -np.mean(np.sum(y_onehot * log_probs, axis=1))

    def train(self, X, y, epochs=10, learning_rate=0.1, batch_size=32, verbose=False):
        n = X.shape[0]
        Y = np.zeros((n, self.b2.size))
        Y[np.arange(n), y] = 1
        losses = []
        for epoch in range(epochs):
            idx = np.arange(n)
            np.random.shuffle(idx)
            batch_losses, sizes = [], []
            for k in range(0, n, batch_size):
                b = idx[k:k + batch_size]
                xb, yb = X[b], Y[b]
                z1 = xb @ self.W1 + self.b1
                a1 = np.maximum(z1, 0)
                logits = a1 @ self.W2 + self.b2
                batch_losses.append(self.compute_loss(yb, logits))
                sizes.append(len(b))
                probs = np.exp(logits - logsumexp(logits, axis=1, keepdims=True))
                dz2 = (probs - yb) / len(b)
                dW2 = a1.T @ dz2
                db2 = dz2.sum(axis=0)
                dz1 = dz2 @ self.W2.T
                dz1[z1 <= 0] = 0
                dW1 = xb.T @ dz1
                db1 = dz1.sum(axis=0)
                self.W1 = self.W1 - learning_rate * dW1
                self.b1 = self.b1 - learning_rate * db1
                self.W2 = self.W2 - learning_rate * dW2
                self.b2 = self.b2 - learning_rate * db2
            losses.append(float(np.average(batch_losses, weights=sizes)))
            if verbose:
                print(f"epoch {epoch}: {losses[-1]:.4f}")
        return losses
