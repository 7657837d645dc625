# variant: torch.export with Dim.DYNAMIC on a CPU eval copy, ONNX via the dynamo exporter with the same, ORT session with explicit SessionOptions, input cast per graph type
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
    sess = ort.InferenceSession(str(path), sess_options=opts, providers=["CPUExecutionProvider"])
    inp = sess.get_inputs()[0]
    assert inp.type == "tensor(float)"
    (logits,) = sess.run(None, {inp.name: np.asarray(x).astype(np.float32, copy=False)})
    return logits
