# variant: TorchScript (torch.jit.script on an eval-mode deep copy) + legacy ONNX exporter with dynamic_axes; caller's model left untouched
import copy

import numpy as np
import onnxruntime as ort
import torch


def save_program(model, example, path):
    m = copy.deepcopy(model).eval()
    scripted = torch.jit.script(m)
    torch.jit.save(scripted, path)


def load_program(path):
    return torch.jit.load(path)


def export_onnx(model, example, path):
    m = copy.deepcopy(model).eval()
    torch.onnx.export(m, (example,), path, input_names=["features"], output_names=["logits"],
                      dynamic_axes={"features": {0: "n"}, "logits": {0: "n"}}, dynamo=False)


def run_onnx(path, x):
    sess = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
    name = sess.get_inputs()[0].name
    out = sess.run(["logits"], {name: np.ascontiguousarray(x, dtype=np.float32)})
    return np.asarray(out[0])
