# expect: neither torch.jit.load nor torch.export.load
# mistake: save_program saves only the state_dict; load_program returns the dict (not a callable program)
import numpy as np
import onnxruntime as ort
import torch


def save_program(model, example, path):
    model.eval()
    torch.save(model.state_dict(), path)


def load_program(path):
    return torch.load(path)



def export_onnx(model, example, path):
    model.eval()
    batch = torch.export.Dim("batch")
    torch.onnx.export(model, (example,), path, dynamic_shapes=({0: batch},), dynamo=True)


def run_onnx(path, x):
    s = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
    return s.run(None, {s.get_inputs()[0].name: np.asarray(x).astype(np.float32)})[0]
