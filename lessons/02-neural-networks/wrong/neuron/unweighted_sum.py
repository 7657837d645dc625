# expect: without multiplying each by its weight
def simple_neuron(inputs, weights, threshold=0.5):
    total = sum(inputs)
    return 1 if total > threshold else 0
