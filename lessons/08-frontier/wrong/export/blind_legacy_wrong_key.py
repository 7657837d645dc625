# expect: first axis is fixed at 4
# mistake: legacy exporter with dynamic_axes keyed by a name that is not an input name ('x' vs input_names=['input']): batch axis stays fixed
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
    torch.onnx.export(model, (example,), path, input_names=["input"], output_names=["logits"],
                      dynamic_axes={"x": {0: "batch"}, "logits": {0: "batch"}}, dynamo=False)



def run_onnx(path, x):
    s = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
    return s.run(None, {s.get_inputs()[0].name: np.asarray(x).astype(np.float32)})[0]
