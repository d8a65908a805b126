"""Loads a chainrule checkpoint of Sequential(Linear(4, 16), Tanh(), Linear(16, 3)) into PyTorch.

Used by PyTorchLoadsOurCheckpointTest: PyTorch 1.13 has no safetensors reader, so the file is
parsed here from its specification (an 8-byte little-endian header length, a JSON header, the
data), then given to load_state_dict(strict=True), which refuses a missing, extra or misshapen
tensor. Prints the logits, the mean softmax cross-entropy and every parameter's gradient as JSON.

    python3 load_chainrule_checkpoint.py MODEL.safetensors INPUT.json
"""
import json
import sys

import torch

TYPES = {"F64": torch.float64, "F32": torch.float32, "I64": torch.int64}


def read_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    length = int.from_bytes(data[:8], "little")
    header = json.loads(data[8:8 + length])
    body = data[8 + length:]
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        start, end = entry["data_offsets"]
        values = torch.frombuffer(bytearray(body[start:end]), dtype=TYPES[entry["dtype"]])
        tensors[name] = values.reshape(entry["shape"])
    return tensors


def main(model_path, input_path):
    state = read_safetensors(model_path)
    dtype = state["0.weight"].dtype
    model = torch.nn.Sequential(
        torch.nn.Linear(4, 16), torch.nn.Tanh(), torch.nn.Linear(16, 3)).to(dtype)
    model.load_state_dict(state, strict=True)
    with open(input_path) as f:
        given = json.load(f)
    x = torch.tensor(given["input"], dtype=dtype)
    labels = torch.tensor(given["labels"], dtype=torch.long)
    logits = model(x)
    loss = torch.nn.functional.cross_entropy(logits, labels)
    loss.backward()
    print(json.dumps({
        "logits": logits.tolist(),
        "mean_softmax_cross_entropy": loss.item(),
        "gradients": {name: p.grad.tolist() for name, p in model.named_parameters()},
    }))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
