# expect: reject it with a 4xx status
# mistake: catches every error and answers 200 with an "error" field instead of a 4xx
"""A prediction service: FastAPI in front of a trained digits classifier."""

import math

import torch
from fastapi import FastAPI, Request

N_FEATURES = 64
MAX_BATCH = 64


def create_app(model):
    model.eval()
    device = next(model.parameters()).device
    app = FastAPI()

    def run(rows):
        if not rows or len(rows) > MAX_BATCH:
            raise ValueError("1 to 64 instances")
        for row in rows:
            if len(row) != N_FEATURES or not all(isinstance(v, (int, float)) and math.isfinite(v) for v in row):
                raise ValueError("each row needs 64 finite numbers")
        x = torch.tensor(rows, dtype=torch.float32, device=device)
        with torch.no_grad():
            p = torch.softmax(model(x), dim=1)
        return p.argmax(1).tolist(), p.cpu().tolist()

    @app.post("/predict")
    async def predict(request: Request):
        try:
            data = await request.json()
            labels, probs = run([data["features"]])
            return {"label": labels[0], "probabilities": probs[0]}
        except Exception as e:  # never crash
            return {"error": str(e)}

    @app.post("/predict_batch")
    async def predict_batch(request: Request):
        try:
            data = await request.json()
            labels, probs = run(data["instances"])
            return {"labels": labels, "probabilities": probs}
        except Exception as e:
            return {"error": str(e)}

    return app
