"""A model's round trip through PyTorch with examples/pytorch/safetensors_io.py, the reader and
writer the README gives for a PyTorch without the safetensors package (Debian's 1.13). Used by
PyTorchRoundTripTest:

    python3 round_trip.py HELPER_DIR MODEL.safetensors INPUT.safetensors OUT.safetensors RESULT.safetensors

MODEL is chainrule's checkpoint of Sequential(Linear(4, 16), Tanh(), Linear(16, 3)), with its
optimizer's state as the program's --save files hold it; INPUT holds "input" and "labels". The
script loads the weights strictly, computes the logits, takes one plain SGD step (lr 0.1) on the
mean cross-entropy, writes the stepped state_dict to OUT (metadata: the MODEL's "note") and the
logits before and after the step to RESULT.
"""
import sys

sys.path.insert(0, sys.argv[1])

import torch  # noqa: E402
from safetensors_io import load_file, load_metadata, save_file  # noqa: E402


def main(model_path, input_path, out_path, result_path):
    state = {k: v for k, v in load_file(model_path).items() if not k.startswith("optimizer.")}
    dtype = state["0.weight"].dtype
    model = torch.nn.Sequential(
        torch.nn.Linear(4, 16), torch.nn.Tanh(), torch.nn.Linear(16, 3)).to(dtype)
    model.load_state_dict(state, strict=True)
    given = load_file(input_path)
    x = given["input"].to(dtype)
    labels = given["labels"].long()
    before = model(x)
    torch.nn.functional.cross_entropy(before, labels).backward()
    with torch.no_grad():
        for p in model.parameters():
            p -= 0.1 * p.grad
    after = model(x)
    save_file(model.state_dict(), out_path, {"note": load_metadata(model_path)["note"]})
    save_file({"before": before.detach(), "after": after.detach()}, result_path)


if __name__ == "__main__":
    main(*sys.argv[2:6])
