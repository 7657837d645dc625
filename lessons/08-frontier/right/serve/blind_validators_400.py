# variant: pydantic field_validator (isfinite + length) and typed response models; validation errors re-rendered as 400 with messages only
"""A prediction service: FastAPI in front of a trained digits classifier."""

import math
from typing import Annotated  # noqa: F401

import torch
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, field_validator  # noqa: F401

N_FEATURES = 64
MAX_BATCH = 64


def _check_row(row: list[float]) -> list[float]:
    if len(row) != N_FEATURES:
        raise ValueError(f"a row needs exactly {N_FEATURES} numbers, got {len(row)}")
    if not all(math.isfinite(v) for v in row):
        raise ValueError("NaN and infinity are not allowed")
    return row


class PredictRequest(BaseModel):
    features: list[float]

    @field_validator("features")
    @classmethod
    def _features(cls, v):
        return _check_row(v)


class BatchRequest(BaseModel):
    instances: list[list[float]]

    @field_validator("instances")
    @classmethod
    def _instances(cls, v):
        if not 1 <= len(v) <= MAX_BATCH:
            raise ValueError(f"between 1 and {MAX_BATCH} instances, got {len(v)}")
        return [_check_row(r) for r in v]


class Prediction(BaseModel):
    label: int
    probabilities: list[float]


class BatchPrediction(BaseModel):
    labels: list[int]
    probabilities: list[list[float]]


def create_app(model):
    model.train(False)
    device = next(model.parameters()).device
    app = FastAPI()

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        msgs = [".".join(str(p) for p in e.get("loc", ())) + ": " + str(e.get("msg", "")) for e in exc.errors()]
        return JSONResponse(status_code=400, content={"detail": msgs})

    @torch.no_grad()
    def forward(rows):
        logits = model(torch.as_tensor(rows, dtype=torch.float32).to(device))
        p = logits.softmax(dim=1)
        return p.argmax(dim=1).cpu().tolist(), p.cpu().tolist()

    @app.post("/predict", response_model=Prediction)
    def predict(req: PredictRequest) -> Prediction:
        labels, probs = forward([req.features])
        return Prediction(label=labels[0], probabilities=probs[0])

    @app.post("/predict_batch", response_model=BatchPrediction)
    def predict_batch(req: BatchRequest) -> BatchPrediction:
        labels, probs = forward(req.instances)
        return BatchPrediction(labels=labels, probabilities=probs)

    return app
