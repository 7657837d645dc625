"""A prediction service: FastAPI in front of a trained digits classifier.

create_app(model) returns a FastAPI app. `model` is an nn.Module (it arrives in
training mode, with Dropout inside) mapping a float32 batch (n, 64) to logits
(n, 10), on some device. Two endpoints, JSON in and out:

POST /predict        {"features": [64 numbers]}
                  -> {"label": int, "probabilities": [10 floats summing to 1]}
POST /predict_batch  {"instances": [[64 numbers], ...]}   (1 to 64 rows)
                  -> {"labels": [ints], "probabilities": [[10 floats], ...]}

A request the service cannot answer (wrong length, not numbers, NaN or infinity,
a missing field, not JSON, an empty or oversized batch, ragged rows) gets a 4xx
status with a message saying what is wrong — never a 500, never a crash. The batch
endpoint runs the model once per request, not once per row.

Run `dltutor check serve`: it starts your app with uvicorn on 127.0.0.1, sends
good and bad requests, and measures latency.
"""

from typing import Annotated  # noqa: F401 - you will need these

import torch  # noqa: F401
from fastapi import FastAPI  # noqa: F401
from pydantic import BaseModel, Field  # noqa: F401

N_FEATURES = 64
MAX_BATCH = 64


def create_app(model):
    # TODO: request/response models that validate the input (pydantic), the model in
    #       inference mode, and the two endpoints.
    raise NotImplementedError
