# "Neural networks from scratch" in spirit: small random init, layer by layer,
# a combined softmax + cross-entropy backward.
import numpy as np


class NeuralNetwork:
    def __init__(self, input_size, hidden_size, output_size):
        self.W1 = 0.01 * np.random.randn(input_size, hidden_size)
        self.b1 = np.zeros(hidden_size)
        self.W2 = 0.01 * np.random.randn(hidden_size, output_size)
        self.b2 = np.zeros(output_size)

    def forward(self, X):
        self.inputs = X
        self.hidden_in = np.dot(X, self.W1) + self.b1
        self.hidden_out = np.maximum(0, self.hidden_in)
        self.output = np.dot(self.hidden_out, self.W2) + self.b2
        return self.output

    def compute_loss(self, y_onehot, logits):
        shifted = logits - np.max(logits, axis=1, keepdims=True)
        log_likelihoods = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
        sample_losses = -np.sum(y_onehot * log_likelihoods, axis=1)
        return np.mean(sample_losses)

    def backward(self, y, logits):
        samples = len(logits)
        exp_values = np.exp(logits - np.max(logits, axis=1, keepdims=True))
        dvalues = exp_values / np.sum(exp_values, axis=1, keepdims=True)
        dvalues[range(samples), y] -= 1
        dvalues = dvalues / samples
        self.dW2 = np.dot(self.hidden_out.T, dvalues)
        self.db2 = np.sum(dvalues, axis=0)
        dhidden = np.dot(dvalues, self.W2.T)
        dhidden[self.hidden_in <= 0] = 0
        self.dW1 = np.dot(self.inputs.T, dhidden)
        self.db1 = np.sum(dhidden, axis=0)

    def train(self, X, y, epochs, learning_rate, batch_size, verbose=False):
        eye = np.eye(self.W2.shape[1])
        history = []
        steps = int(np.ceil(len(X) / batch_size))
        for epoch in range(epochs):
            perm = np.random.permutation(len(X))
            X_shuf, y_shuf = X[perm], y[perm]
            total = 0.0
            for step in range(steps):
                batch_X = X_shuf[step * batch_size:(step + 1) * batch_size]
                batch_y = y_shuf[step * batch_size:(step + 1) * batch_size]
                logits = self.forward(batch_X)
                total += self.compute_loss(eye[batch_y], logits) * len(batch_X)
                self.backward(batch_y, logits)
                self.W1 -= learning_rate * self.dW1
                self.b1 -= learning_rate * self.db1
                self.W2 -= learning_rate * self.dW2
                self.b2 -= learning_rate * self.db2
            history.append(total / len(X))
            if verbose and epoch % 10 == 0:
                print("epoch", epoch, "loss", history[-1])
        return history
