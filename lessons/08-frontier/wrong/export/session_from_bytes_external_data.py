# expect: BYTES cannot find it
# mistake: run_onnx builds the session from the file's bytes, but the default (dynamo) exporter keeps the weights in model.onnx.data beside it
import copy

import numpy as np
import onnxruntime as ort
import torch
from torch.export import Dim


def _eval_copy(model, example):
    m = copy.deepcopy(model).cpu().eval()
    return m, example.detach().cpu().float()


def save_program(model, example, path):
    m, ex = _eval_copy(model, example)
    with torch.no_grad():
        ep = torch.export.export(m, (ex,), dynamic_shapes=((Dim.DYNAMIC, Dim.STATIC),))
    torch.export.save(ep, path)


def load_program(path):
    module = torch.export.load(path).module()

    def call(x):
        return module(x.cpu().float())

    return call


def export_onnx(model, example, path):
    m, ex = _eval_copy(model, example)
    torch.onnx.export(m, (ex,), path, dynamic_shapes=((Dim.DYNAMIC, Dim.STATIC),), dynamo=True)


def run_onnx(path, x):
    opts = ort.SessionOptions()
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    with open(path, "rb") as f:
        sess = ort.InferenceSession(f.read(), sess_options=opts, providers=["CPUExecutionProvider"])
    inp = sess.get_inputs()[0]
    assert inp.type == "tensor(float)"
    (logits,) = sess.run(None, {inp.name: np.asarray(x).astype(np.float32, copy=False)})
    return logits
