"""torch.jit.trace (an MLP has no data-dependent control flow), the default ONNX exporter with a plain Dim."""

import numpy as np
import onnxruntime
import torch
from torch.export import Dim

_sessions = {}


def save_program(model, example, path):
    model.eval()
    with torch.no_grad():
        traced = torch.jit.trace(model, example)
    traced.save(path)


def load_program(path):
    return torch.jit.load(path, map_location="cpu" if not torch.cuda.is_available() else None)


def export_onnx(model, example, path):
    model = model.eval()
    batch = Dim("batch")
    torch.onnx.export(model, args=(example,), f=path, dynamic_shapes={"input": {0: batch}})


def run_onnx(path, x):
    if path not in _sessions:
        _sessions[path] = onnxruntime.InferenceSession(path, providers=["CPUExecutionProvider"])
    session = _sessions[path]
    x = np.ascontiguousarray(x, dtype=np.float32)
    out = session.run(None, {session.get_inputs()[0].name: x})
    return np.asarray(out[0])
