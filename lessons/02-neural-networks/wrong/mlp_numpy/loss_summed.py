# expect: compute_loss summed over the batch
import numpy as np


class NeuralNetwork:
    def __init__(self, input_size, hidden_size, output_size):
        self.W1 = np.random.randn(input_size, hidden_size) * np.sqrt(2.0 / input_size)
        self.b1 = np.zeros(hidden_size)
        self.W2 = np.random.randn(hidden_size, output_size) * np.sqrt(1.0 / hidden_size)
        self.b2 = np.zeros(output_size)

    def forward(self, X):
        self.X = X
        self.z1 = X @ self.W1 + self.b1
        self.a1 = np.maximum(0, self.z1)
        return self.a1 @ self.W2 + self.b2

    def softmax(self, z):
        e = np.exp(z - np.max(z, axis=1, keepdims=True))
        return e / np.sum(e, axis=1, keepdims=True)

    def compute_loss(self, y_onehot, logits):
        p = self.softmax(logits)
        log_p = logits - logits.max(axis=1, keepdims=True)
        log_p = log_p - np.log(np.exp(log_p).sum(axis=1, keepdims=True))
        return -np.sum(y_onehot * log_p)

    def backward(self, y_onehot, logits):
        m = y_onehot.shape[0]
        dz2 = (self.softmax(logits) - y_onehot) / m
        dW2 = self.a1.T @ dz2
        db2 = np.sum(dz2, axis=0)
        da1 = dz2 @ self.W2.T
        dz1 = da1 * (self.z1 > 0)
        dW1 = self.X.T @ dz1
        db1 = np.sum(dz1, axis=0)
        return dW1, db1, dW2, db2

    def train(self, X, y, epochs=10, learning_rate=0.1, batch_size=32, verbose=False):
        y_onehot = np.eye(self.W2.shape[1])[y]
        losses = []
        for epoch in range(epochs):
            idx = np.random.permutation(len(X))
            epoch_loss = 0.0
            for start in range(0, len(X), batch_size):
                batch = idx[start:start + batch_size]
                logits = self.forward(X[batch])
                epoch_loss += self.compute_loss(y_onehot[batch], logits) * len(batch)
                dW1, db1, dW2, db2 = self.backward(y_onehot[batch], logits)
                self.W1 -= learning_rate * dW1
                self.b1 -= learning_rate * db1
                self.W2 -= learning_rate * dW2
                self.b2 -= learning_rate * db2
            losses.append(epoch_loss / len(X))
            if verbose:
                print(epoch, losses[-1])
        return losses
