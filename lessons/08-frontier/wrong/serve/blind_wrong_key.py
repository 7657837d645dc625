# expect: needs the keys 'label' and 'probabilities'
# mistake: response key 'probs' instead of 'probabilities' on both endpoints
"""A prediction service: FastAPI in front of a trained digits classifier."""

from typing import Annotated  # noqa: F401 - you will need these

import torch  # noqa: F401
from fastapi import FastAPI, Request  # noqa: F401
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field  # noqa: F401

N_FEATURES = 64
MAX_BATCH = 64

Number = Annotated[float, Field(allow_inf_nan=False)]
Row = Annotated[list[Number], Field(min_length=N_FEATURES, max_length=N_FEATURES)]


class PredictRequest(BaseModel):
    features: Row


class BatchRequest(BaseModel):
    instances: Annotated[list[Row], Field(min_length=1, max_length=MAX_BATCH)]


def create_app(model):
    model.eval()
    device = next(model.parameters()).device
    app = FastAPI()

    @app.exception_handler(RequestValidationError)
    async def on_invalid(request: Request, exc: RequestValidationError):
        errors = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", "")} for e in exc.errors()]
        return JSONResponse(status_code=422, content={"detail": errors})

    def run(rows):
        x = torch.tensor(rows, dtype=torch.float32, device=device)
        with torch.no_grad():
            p = torch.softmax(model(x), dim=1)
        return p.argmax(1).tolist(), p.cpu().tolist()

    @app.post("/predict")
    def predict(req: PredictRequest):
        labels, probs = run([req.features])
        return {"label": labels[0], "probs": probs[0]}

    @app.post("/predict_batch")
    def predict_batch(req: BatchRequest):
        labels, probs = run(req.instances)
        return {"labels": labels, "probs": probs}

    return app
