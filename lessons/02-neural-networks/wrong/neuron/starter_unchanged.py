# expect: not implemented
def simple_neuron(inputs, weights, threshold=0.5):
    raise NotImplementedError
