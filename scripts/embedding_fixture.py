#!/usr/bin/env python3
"""Writes the reference embeddings that Tests/EmbeddingTests checks the Swift encoder against.

An implementation independent of the Swift one: the Hugging Face `tokenizers` package (Rust)
tokenises, and a plain numpy forward pass in float64 reads model.safetensors by hand (8-byte
little-endian header length, JSON header, raw little-endian float32). The model is
sentence-transformers/all-MiniLM-L6-v2: BERT (6 layers, 12 heads, width 384), mean pooling over
the tokens, L2 normalisation; sequences truncated to 256 tokens as sentence-transformers does.

Needs numpy and `tokenizers` (pip install tokenizers into a scratch venv; not a project
dependency). Run once after `make model`:

    python3 scripts/embedding_fixture.py [--model DIR] [--output FILE]
"""

import argparse
import json
import math
import os
import struct
from pathlib import Path

import numpy as np
import tokenizers
from tokenizers import Tokenizer

MAX_SEQ_LENGTH = 256
LONG_CASE_NOTE = " ".join([
    "Home visit to Mr Patel, aged 82, who lives alone in a first-floor flat with no lift.",
    "He was dressed but his clothes were stained and the kitchen held little fresh food.",
    "He said his daughter shops for him on Saturdays but she has been unwell for a fortnight.",
    "He has lost weight since the last review and the district nurse is worried about a pressure sore on his heel.",
    "He manages his tablets from a blister pack, although two days' doses were still in the pack this morning.",
    "He told me he sometimes forgets whether he has taken them and feels dizzy when he stands up.",
    "The smoke alarm in the hallway did not sound when tested and the boiler has been off since Monday.",
    "He agreed to a referral for a falls assessment and to daily calls from the reablement team for six weeks.",
    "I will contact the GP about a medication review, ask the fire service for a home safety visit,",
    "and arrange an emergency repair to the heating through the housing association today.",
    "His neighbour, Mrs O'Brien, has a key and is happy to be a contact in an emergency.",
    "Mr Patel has capacity to make these decisions and was clear that he wishes to stay in his own home.",
    "Risks discussed: falls, self-neglect, cold, missed medication, isolation while his daughter is ill.",
    "Next steps: carers from Thursday, pendant alarm installation, review in two weeks or sooner if needed.",
] * 2)

SENTENCES = [
    ("food", "A man is eating food."),
    ("bread", "A man is eating a piece of bread."),
    ("home-visit", "The carer visited Mrs Jones at home on Tuesday; she appeared withdrawn and had not eaten."),
    ("safeguarding", "Safeguarding concern raised: bruising noted on the child's upper arm (left side)."),
    ("attendance", "Mum reports that D. has missed 3 school days this week \u2014 attendance is now 71%."),
    ("care-plan", "Care plan reviewed with the family; next review due 14/02/2027."),
    ("referral", "Referral to CAMHS declined; GP to monitor low mood & self-harm risk."),
    ("discharge", "Hospital discharge planning: needs a package of 4 calls/day, hoist transfer, pressure-care."),
    ("single-word", "safeguarding"),
    ("accents", "Caf\u00e9 owner Zo\u00eb M\u00fcller-\u00d1\u00fa\u00f1ez praised the na\u00efve r\u00e9sum\u00e9's \u00e9lan."),
    ("case-mapping", "\u00c9COLE, \u0130stanbul, \u03a3\u0391\u03a3, stra\u00dfe, \ufb01ne"),
    ("empty", ""),
    ("whitespace", "   leading,   trailing\tand\nodd \u00a0whitespace\u2003here \r\n  "),
    ("control-characters", "tab\there\u0000null\u200bzero-width\u00adsoft-hyphen\ufffdreplacement\u0007bell"),
    ("punctuation", "!!! ??? ... --- @@@ $$$ ### %%% ^^^ &&& *** ((( ))) [[[ ]]] {{{ }}} ||| ~~~ ``` ''' \u201cquoted\u201d \u2026"),
    ("chinese", "\u793e\u4f1a\u5de5\u4f5c\u8005\u4eca\u5929\u63a2\u8bbf\u4e86\u8fd9\u4e2a\u5bb6\u5ead\u3002"),
    ("mixed-script", "Interpreter needed: Mandarin (\u666e\u901a\u8bdd) and Cantonese."),
    ("korean", "\uc0ac\ud68c\ubcf5\uc9c0\uc0ac\uac00 \uac00\uc815\uc744 \ubc29\ubb38\ud588\uc2b5\ub2c8\ub2e4."),
    ("emoji-symbols", "Feeling \U0001F60A today \U0001F44D \u2014 temp 37.5\u00b0C, BP 120/80 mmHg, \u00a31,250.00 \u20ac30 \u00a5500."),
    ("long-word", "a" * 120 + " pneumonoultramicroscopicsilicovolcanoconiosis"),
    ("special-token-text", "[CLS] literal special tokens [SEP] inside [MASK] text [unk]"),
    ("long-case-note", LONG_CASE_NOTE),
]


def default_model_directory():
    if os.environ.get("EVIDENCE_MODEL"):
        return Path(os.environ["EVIDENCE_MODEL"])
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "evidence" / "models" / "all-MiniLM-L6-v2"


def read_safetensors(path):
    """Name -> float64 array, parsed by hand: u64 LE header length, JSON header, raw LE data."""
    raw = path.read_bytes()
    (header_length,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + header_length])
    data = memoryview(raw)[8 + header_length:]
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__" or entry["dtype"] != "F32":
            continue
        begin, end = entry["data_offsets"]
        tensors[name] = np.frombuffer(data[begin:end], dtype="<f4").astype(np.float64).reshape(entry["shape"])
    return tensors


def layer_norm(x, weight, bias, eps):
    mean = x.mean(axis=-1, keepdims=True)
    variance = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(variance + eps) * weight + bias


erf = np.frompyfunc(math.erf, 1, 1)


def gelu(x):
    return 0.5 * x * (1.0 + erf(x / math.sqrt(2.0)).astype(np.float64))


def embed(ids, weights, config):
    """BERT forward pass for one sequence, mean pooling, L2 normalisation."""
    def w(name):
        return weights[name] if name in weights else weights["bert." + name]

    heads = config["num_attention_heads"]
    width = config["hidden_size"]
    head_width = width // heads
    eps = config["layer_norm_eps"]
    n = len(ids)
    x = (w("embeddings.word_embeddings.weight")[ids]
         + w("embeddings.position_embeddings.weight")[:n]
         + w("embeddings.token_type_embeddings.weight")[0])
    x = layer_norm(x, w("embeddings.LayerNorm.weight"), w("embeddings.LayerNorm.bias"), eps)
    for layer in range(config["num_hidden_layers"]):
        p = f"encoder.layer.{layer}."

        def linear(name, inputs):
            return inputs @ w(p + name + ".weight").T + w(p + name + ".bias")

        def split(m):
            return m.reshape(n, heads, head_width).transpose(1, 0, 2)

        q = split(linear("attention.self.query", x))
        k = split(linear("attention.self.key", x))
        v = split(linear("attention.self.value", x))
        scores = q @ k.transpose(0, 2, 1) / math.sqrt(head_width)
        scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
        probabilities = scores / scores.sum(axis=-1, keepdims=True)
        context = (probabilities @ v).transpose(1, 0, 2).reshape(n, width)
        x = layer_norm(linear("attention.output.dense", context) + x,
                       w(p + "attention.output.LayerNorm.weight"), w(p + "attention.output.LayerNorm.bias"), eps)
        hidden = gelu(linear("intermediate.dense", x))
        x = layer_norm(linear("output.dense", hidden) + x,
                       w(p + "output.LayerNorm.weight"), w(p + "output.LayerNorm.bias"), eps)
    pooled = x.mean(axis=0)
    return pooled / np.linalg.norm(pooled)


def main():
    root = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=default_model_directory())
    parser.add_argument("--output", type=Path,
                        default=root / "Tests" / "EmbeddingTests" / "Fixtures" / "reference-embeddings.json")
    arguments = parser.parse_args()

    config = json.loads((arguments.model / "config.json").read_text())
    weights = read_safetensors(arguments.model / "model.safetensors")
    tokenizer = Tokenizer.from_file(str(arguments.model / "tokenizer.json"))
    # tokenizer.json pads to 128 and truncates at 128; sentence-transformers uses max_seq_length 256, no padding.
    tokenizer.no_padding()
    tokenizer.enable_truncation(MAX_SEQ_LENGTH)

    cases = []
    for name, text in SENTENCES:
        ids = tokenizer.encode(text).ids
        vector = embed(np.array(ids), weights, config)
        cases.append({
            "name": name,
            "text": text,
            "tokenIDs": ids,
            "embedding": [float(f"{value:.7g}") for value in vector],
        })
    vectors = {case["name"]: np.array(case["embedding"]) for case in cases}
    food_bread = float(vectors["food"] @ vectors["bread"])
    fixture = {
        "model": "sentence-transformers/all-MiniLM-L6-v2",
        "generator": f"scripts/embedding_fixture.py (tokenizers {tokenizers.__version__}, numpy {np.__version__}, float64)",
        "maxSequenceLength": MAX_SEQ_LENGTH,
        "foodBreadCosine": round(food_bread, 6),
        "cases": cases,
    }
    arguments.output.parent.mkdir(parents=True, exist_ok=True)
    arguments.output.write_text(json.dumps(fixture, ensure_ascii=False, indent=1) + "\n")
    print(f"wrote {len(cases)} cases to {arguments.output}; cos(food, bread) = {food_bread:.4f}")


if __name__ == "__main__":
    main()
