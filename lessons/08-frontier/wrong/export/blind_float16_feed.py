# expect: the graph's dtype, float32
# mistake: run_onnx casts to float16 to 'save memory' (wrong dtype for a float32 graph)
import numpy as np
import onnxruntime as ort
import torch


def save_program(model, example, path):
    model.eval()
    batch = torch.export.Dim("batch")
    program = torch.export.export(model, (example,), dynamic_shapes=({0: batch},))
    torch.export.save(program, path)


def load_program(path):
    return torch.export.load(path).module()


def export_onnx(model, example, path):
    model.eval()
    batch = torch.export.Dim("batch")
    torch.onnx.export(model, (example,), path, dynamic_shapes=({0: batch},), dynamo=True)


def run_onnx(path, x):
    s = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
    return s.run(None, {s.get_inputs()[0].name: np.asarray(x).astype(np.float16)
})[0]
