# expect: neither torch.jit.load nor torch.export.load
# mistake: save_program uses torch.save(model) (a pickle of the object needing the class), load_program torch.load(weights_only=False)
import numpy as np
import onnxruntime as ort
import torch


def save_program(model, example, path):
    model.eval()
    torch.save(model, path)


def load_program(path):
    return torch.load(path, weights_only=False)



def export_onnx(model, example, path):
    model.eval()
    batch = torch.export.Dim("batch")
    torch.onnx.export(model, (example,), path, dynamic_shapes=({0: batch},), dynamo=True)


def run_onnx(path, x):
    s = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
    return s.run(None, {s.get_inputs()[0].name: np.asarray(x).astype(np.float32)})[0]
