def simple_neuron(inputs, weights, threshold=0.5):
    total = 0
    for i, w in zip(inputs, weights):
        total += i * w
    if total > threshold:
        return 1
    return 0
