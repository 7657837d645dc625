"""The course's pretrained model for `finetune`: a tiny word-level causal transformer language model.

No weights file ships: `pretrain()` trains it here, on CPU, from a fixed seed, on generated reviews
whose clauses each end with an emoticon ("the plot was not good :( and the cast was great :)"), the
way people write online. To predict the emoticon the language model has to know the clause's
polarity, negation included, so its hidden states learn to carry it: that is the knowledge
fine-tuning transfers. (A closing verdict sentence was tried first: one target per review was too
sparse for a tiny model to learn in seconds; one per clause, right after it, is learnt in ~150
steps.) The classification data has no emoticons.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from pathlib import Path

import torch
import torch.nn.functional as F
from torch import nn

import tutor.datasets as datasets_module
from tutor.datasets import generate_reviews

PAD = 0
PRETRAIN_SEED = 2024  # fixed: every check fine-tunes the same pretrained model
MAX_LEN = 64
FINETUNE_DROPOUT = 0.1


class Vocab:
    """Words to ids (0 = padding, 1 = unknown); `encode` pads a batch on the right."""

    def __init__(self, texts: list[str]) -> None:
        words = sorted({w for text in texts for w in text.split()})
        self.words = ["<pad>", "<unk>", *words]
        self.index = {w: i for i, w in enumerate(self.words)}

    def __len__(self) -> int:
        return len(self.words)

    def encode(self, texts: list[str], device: str | torch.device = "cpu") -> tuple[torch.Tensor, torch.Tensor]:
        """(ids (N, T) int64 padded with 0 on the right, lengths (N,) int64), T = the longest review."""
        rows = [[self.index.get(w, 1) for w in text.split()][:MAX_LEN] for text in texts]
        width = max(len(r) for r in rows)
        ids = torch.zeros((len(rows), width), dtype=torch.long)
        for i, row in enumerate(rows):
            ids[i, : len(row)] = torch.tensor(row, dtype=torch.long)
        lengths = torch.tensor([len(r) for r in rows], dtype=torch.long)
        return ids.to(device), lengths.to(device)


class Block(nn.Module):
    """Pre-norm causal self-attention + MLP (the block of the transformer_block exercise)."""

    def __init__(self, d_model: int, n_heads: int, dropout: float) -> None:
        super().__init__()
        self.n_heads = n_heads
        self.ln1 = nn.LayerNorm(d_model)
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.proj = nn.Linear(d_model, d_model)
        self.ln2 = nn.LayerNorm(d_model)
        self.fc1 = nn.Linear(d_model, 4 * d_model)
        self.fc2 = nn.Linear(4 * d_model, d_model)
        self.drop = nn.Dropout(dropout)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        B, T, D = x.shape
        q, k, v = self.qkv(self.ln1(x)).view(B, T, 3, self.n_heads, D // self.n_heads).permute(2, 0, 3, 1, 4)
        attended = F.scaled_dot_product_attention(q, k, v, is_causal=True).transpose(1, 2).reshape(B, T, D)
        x = x + self.drop(self.proj(attended))
        return x + self.drop(self.fc2(F.gelu(self.fc1(self.ln2(x)))))


class ReviewLM(nn.Module):
    """Embeddings + causal blocks + final LayerNorm = the body; lm_head predicts the next word.

    `features(ids)` (B, T) int64 -> (B, T, d_model): position t has seen words 0..t only.
    """

    def __init__(
        self, vocab_size: int, d_model: int = 32, n_heads: int = 2, n_layers: int = 2, dropout: float = 0.1
    ) -> None:
        super().__init__()
        self.d_model = d_model
        self.embed = nn.Embedding(vocab_size, d_model)
        self.pos = nn.Embedding(MAX_LEN, d_model)
        self.drop = nn.Dropout(dropout)
        self.blocks = nn.ModuleList(Block(d_model, n_heads, dropout) for _ in range(n_layers))
        self.ln_f = nn.LayerNorm(d_model)
        self.lm_head = nn.Linear(d_model, vocab_size)

    def features(self, ids: torch.Tensor) -> torch.Tensor:
        h = self.drop(self.embed(ids) + self.pos(torch.arange(ids.shape[1], device=ids.device)))
        for block in self.blocks:
            h = block(h)
        return self.ln_f(h)

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        return self.lm_head(self.features(ids))


def pretrain(steps: int = 250, batch: int = 32, seed: int = PRETRAIN_SEED) -> tuple[ReviewLM, Vocab, list[float]]:
    """Train the language model on CPU (deterministic); returns (model in eval mode, vocab, losses).

    Measured: ~4 s of CPU on one quiet thread (8.7 s with the machine loaded at 11 on 2 cores), after
    which the emoticon after a clause is predicted right 97% of the time (seed 2024; 160 steps: 75%).
    `pretrained()` caches the result.
    """
    texts, _ = generate_reviews(3000, seed, emoticons=True)
    vocab = Vocab(texts + generate_reviews(200, seed + 1, sarcasm=True)[0])  # + the capstone's words
    ids, lengths = vocab.encode(texts)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        model = ReviewLM(len(vocab), dropout=0.0)  # dropout halves the speed of learning here
        optimizer = torch.optim.AdamW(model.parameters(), lr=1e-2, weight_decay=0.01)
        gen = torch.Generator().manual_seed(seed)
        losses = []
        model.train()
        for _ in range(steps):
            rows = torch.randint(0, len(ids), (batch,), generator=gen)
            x = ids[rows, : int(lengths[rows].max())]
            logits = model(x[:, :-1])
            loss = F.cross_entropy(logits.reshape(-1, len(vocab)), x[:, 1:].reshape(-1), ignore_index=PAD)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    for module in model.modules():
        if isinstance(module, nn.Dropout):
            module.p = FINETUNE_DROPOUT  # on from here: model.train() vs model.eval() matters to the learner
    model.eval()
    return model, vocab, losses


def _cache_path() -> Path:
    source = Path(__file__).read_bytes() + Path(datasets_module.__file__).read_bytes()
    digest = hashlib.sha256(source + torch.__version__.encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / "dltutor-cache" / f"finetune-pretrained-{digest}.pt"


def pretrained() -> tuple[ReviewLM, Vocab]:
    """The pretrained model (CPU, eval mode) and its vocabulary, from the temp-dir cache if valid.

    A cache entry is trusted only if it loads as plain tensors into the right shapes AND still
    predicts emoticons as well as a fresh pretraining does; anything else is recomputed.
    """
    texts, _ = generate_reviews(3000, PRETRAIN_SEED, emoticons=True)
    vocab = Vocab(texts + generate_reviews(200, PRETRAIN_SEED + 1, sarcasm=True)[0])
    path = _cache_path()
    try:
        model = ReviewLM(len(vocab), dropout=FINETUNE_DROPOUT)
        model.load_state_dict(torch.load(path, map_location="cpu", weights_only=True))
        model.eval()
        if emoticon_accuracy(model, vocab) >= 0.95:
            return model, vocab
    except Exception:  # noqa: BLE001 - a missing, stale or damaged cache only costs the pretraining
        pass
    model, vocab, _ = pretrain()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        torch.save(model.state_dict(), tmp)
        tmp.replace(path)
    except OSError:
        pass
    return model, vocab


def emoticon_accuracy(model: ReviewLM, vocab: Vocab, n: int = 300, seed: int = 1) -> float:
    """How often the LM prefers the right emoticon after a clause (held-out text): pretraining worked."""
    texts, _ = generate_reviews(n, seed, emoticons=True)
    ids, _ = vocab.encode(texts)
    smile, frown = vocab.index[":)"], vocab.index[":("]
    with torch.no_grad():
        logits = model(ids[:, :-1])
    target = ids[:, 1:]
    faces = (target == smile) | (target == frown)
    return float(((logits[..., smile] > logits[..., frown]) == (target == smile))[faces].float().mean())


if __name__ == "__main__":
    torch.set_num_threads(1)
    start = time.process_time()
    model, vocab, losses = pretrain()
    print(
        f"{time.process_time() - start:.2f} s CPU, vocab {len(vocab)}, loss {losses[0]:.3f} -> {losses[-1]:.3f}, "
        f"emoticon accuracy {emoticon_accuracy(model, vocab):.3f}"
    )
