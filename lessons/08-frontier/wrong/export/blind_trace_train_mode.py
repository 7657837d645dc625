# expect: Dropout is still active
# mistake: TorchScript trace of the model in training mode (eval() called only AFTER tracing)
import numpy as np
import onnxruntime as ort
import torch


def save_program(model, example, path):
    traced = torch.jit.trace(model, example, check_trace=False)
    model.eval()
    torch.jit.save(traced, path)


def load_program(path):
    return torch.jit.load(path)



def export_onnx(model, example, path):
    model.eval()
    batch = torch.export.Dim("batch")
    torch.onnx.export(model, (example,), path, dynamic_shapes=({0: batch},), dynamo=True)


def run_onnx(path, x):
    s = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
    return s.run(None, {s.get_inputs()[0].name: np.asarray(x).astype(np.float32)})[0]
