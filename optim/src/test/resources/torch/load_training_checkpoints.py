"""Loads a trainer's periodic checkpoint and its best-weights file into PyTorch.

Used by PyTorchLoadsTrainingCheckpointsTest: each file is parsed from the safetensors
specification (PyTorch 1.13 has no reader), the optimizer's entries (under "optimizer.") are set
aside as a PyTorch user of a training checkpoint sets them aside, and the rest is given to
load_state_dict(strict=True) of Sequential(Linear(4, 16), Tanh(), Linear(16, 3)), which refuses a
missing, extra or misshapen tensor. Prints, as JSON, each file's logits for the input and the
optimizer entries it set aside.

    python3 load_training_checkpoints.py INPUT.json FILE.safetensors...
"""
import json
import sys

import torch

# The reader of the script beside this one (run from the same folder), I64 counters included.
from load_chainrule_checkpoint import read_safetensors


def main(input_path, paths):
    with open(input_path) as f:
        given = json.load(f)
    result = {}
    for path in paths:
        tensors = read_safetensors(path)
        state = {k: v for k, v in tensors.items() if not k.startswith("optimizer.")}
        model = torch.nn.Sequential(
            torch.nn.Linear(4, 16), torch.nn.Tanh(), torch.nn.Linear(16, 3)).double()
        model.load_state_dict(state, strict=True)
        with torch.no_grad():
            logits = model(torch.tensor(given["input"], dtype=torch.float64))
        result[path] = {"logits": logits.tolist(),
                        "optimizer": sorted(k for k in tensors if k.startswith("optimizer."))}
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
