# expect: NaN
# expect: crashed
# expect: not JSON compliant
"""allow_inf_nan=False, but FastAPI's default 422 echoes the NaN input back: that response cannot be JSON."""

from typing import Annotated

import torch
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

N_FEATURES = 64
MAX_BATCH = 64

# One finite number: JSON parsers accept NaN and Infinity, and a NaN fed to the model
# comes back as NaN probabilities, which cannot be written as JSON (a 500 after the fact).
Finite = Annotated[float, Field(allow_inf_nan=False)]
Row = Annotated[list[Finite], Field(min_length=N_FEATURES, max_length=N_FEATURES)]


class PredictRequest(BaseModel):
    features: Row


class BatchRequest(BaseModel):
    instances: Annotated[list[Row], Field(min_length=1, max_length=MAX_BATCH)]


class Prediction(BaseModel):
    label: int
    probabilities: list[float]


class BatchPrediction(BaseModel):
    labels: list[int]
    probabilities: list[list[float]]


def create_app(model):
    model.eval()  # Dropout off, BatchNorm on its running statistics: serving is inference
    device = next(model.parameters()).device
    app = FastAPI(title="digits classifier")

    def classify(rows: list[list[float]]) -> tuple[list[int], list[list[float]]]:
        x = torch.tensor(rows, dtype=torch.float32, device=device)
        with torch.no_grad():
            probabilities = torch.softmax(model(x), dim=1)
        return probabilities.argmax(dim=1).tolist(), probabilities.tolist()

    @app.post("/predict")
    def predict(request: PredictRequest) -> Prediction:
        labels, probabilities = classify([request.features])
        return Prediction(label=labels[0], probabilities=probabilities[0])

    @app.post("/predict_batch")
    def predict_batch(request: BatchRequest) -> BatchPrediction:
        labels, probabilities = classify(request.instances)  # one forward pass for the whole batch
        return BatchPrediction(labels=labels, probabilities=probabilities)

    return app
