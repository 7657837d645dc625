# expect: only accepts a batch of 4
# mistake: torch.export without dynamic_shapes: the program is fixed to batch size 4
import numpy as np
import onnxruntime as ort
import torch


def save_program(model, example, path):
    model.eval()
    batch = torch.export.Dim("batch")
    program = torch.export.export(model, (example,))

    torch.export.save(program, path)


def load_program(path):
    return torch.export.load(path).module()


def export_onnx(model, example, path):
    model.eval()
    batch = torch.export.Dim("batch")
    torch.onnx.export(model, (example,), path, dynamic_shapes=({0: batch},), dynamo=True)


def run_onnx(path, x):
    s = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
    return s.run(None, {s.get_inputs()[0].name: np.asarray(x).astype(np.float32)})[0]
