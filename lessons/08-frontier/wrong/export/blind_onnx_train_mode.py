# expect: BatchNorm using the batch's own statistics
# mistake: legacy ONNX export with training=TrainingMode.TRAINING (keeps Dropout / batch statistics in the graph)
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
    model.train()
    torch.onnx.export(model, (example,), path, input_names=["input"], output_names=["logits"],
                      dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}},
                      training=torch.onnx.TrainingMode.TRAINING, do_constant_folding=False, dynamo=False)



def run_onnx(path, x):
    s = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
    return s.run(None, {s.get_inputs()[0].name: np.asarray(x).astype(np.float32)})[0]
