"""pydantic with a field validator for finiteness and lengths; NumPy for the softmax; a handler that
drops the echoed input from validation errors."""

import numpy as np
import torch
from fastapi import FastAPI
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, field_validator


def _finite_row(row: list[float]) -> list[float]:
    if len(row) != 64:
        raise ValueError(f"expected 64 features, got {len(row)}")
    if not np.all(np.isfinite(row)):
        raise ValueError("features must be finite numbers (no NaN or Infinity)")
    return row


class One(BaseModel):
    features: list[float]

    @field_validator("features")
    @classmethod
    def check(cls, v):
        return _finite_row(v)


class Many(BaseModel):
    instances: list[list[float]]

    @field_validator("instances")
    @classmethod
    def check(cls, v):
        if not 1 <= len(v) <= 64:
            raise ValueError("send between 1 and 64 rows")
        return [_finite_row(r) for r in v]


def create_app(model):
    model.train(False)
    device = next(model.parameters()).device
    app = FastAPI()

    @app.exception_handler(RequestValidationError)
    def on_invalid(request, exc):
        errors = [{k: e[k] for k in ("type", "loc", "msg")} for e in exc.errors()]
        return JSONResponse(status_code=422, content=jsonable_encoder({"detail": errors}))

    def run(rows):
        with torch.no_grad():
            logits = model(torch.tensor(np.asarray(rows, dtype=np.float32), device=device)).cpu().numpy()
        z = np.exp(logits - logits.max(axis=1, keepdims=True))
        p = z / z.sum(axis=1, keepdims=True)
        return p.argmax(axis=1), p

    @app.post("/predict")
    def predict(body: One):
        labels, p = run([body.features])
        return {"label": int(labels[0]), "probabilities": p[0].astype(float).tolist()}

    @app.post("/predict_batch")
    def predict_batch(body: Many):
        labels, p = run(body.instances)
        return {"labels": [int(i) for i in labels], "probabilities": p.astype(float).tolist()}

    return app
