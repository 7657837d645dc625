"""TorchScript for the program, the legacy (TorchScript-based) ONNX exporter with dynamic_axes."""

import copy

import numpy as np
import onnxruntime as ort
import torch


def save_program(model, example, path):
    scripted = torch.jit.script(copy.deepcopy(model).eval())  # the caller's model stays as it was
    torch.jit.save(scripted, path)


def load_program(path):
    return torch.jit.load(path)


def export_onnx(model, example, path):
    frozen = copy.deepcopy(model).eval()
    torch.onnx.export(frozen, (example,), path, dynamo=False, input_names=["pixels"], output_names=["scores"],
                      dynamic_axes={"pixels": {0: "n"}, "scores": {0: "n"}}, opset_version=17)


def run_onnx(path, x):
    session = ort.InferenceSession(path)
    feed = {session.get_inputs()[0].name: x.astype(np.float32)}
    return session.run(["scores"], feed)[0]
