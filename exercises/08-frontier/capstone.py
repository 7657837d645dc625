"""Capstone: a sentiment classifier for reviews with negation and sarcasm (lesson: capstone).

Any approach is allowed: scikit-learn, plain NumPy, PyTorch. The checker calls

    predictor = train(texts, labels, report)

with 2000 training reviews (list of str; tokens separated by single spaces) and their labels (int64
array, 1 = positive), then asks `predictor(new_texts)` (or `predictor.predict(new_texts)`) for labels
0/1 of 1000 reviews it generates afterwards — you never see them or their labels. Each answer must
depend on its own text only (the same review gets the same label in any list: no threshold taken over
the batch). Target: accuracy 0.90 on those, with train finishing within 60 s.

`report(step, loss)` draws your training curve in the checker's output: call it as often as you like
(every epoch, say). It is optional.

Tip: before anything clever, hold out part of the training data and measure a bag-of-words baseline
on it — then look at WHICH reviews it gets wrong.
"""


def train(texts, labels, report=None):
    """Fit a model on (texts, labels); return a function from a list of texts to an array of 0/1."""
    # TODO: features or a model that sees order; fit; return the predictor.
    raise NotImplementedError
