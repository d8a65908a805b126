"""Regenerates the PyTorch 1.13 checkpoints of batch normalization's two options that
PyTorchBatchNormOptionsCheckpointTest reads, each a state_dict saved as safetensors (written here
from the format's specification: PyTorch 1.13 has no safetensors writer) beside a JSON of what
PyTorch computes with it, in float64:

  bn_no_running_stats_f64:  Sequential(Linear(3, 4), BatchNorm1d(4, track_running_stats=False),
      Tanh(), Linear(4, 2)): its state_dict has weight and bias only for the BatchNorm. The JSON
      has the logits of a batch in evaluation mode (batch statistics, as in training), the mean
      softmax cross-entropy and every parameter's gradient.
  bn_cumulative_f64:  Sequential(Conv2d(1, 2, 3, padding=1), BatchNorm2d(2, momentum=None), ReLU(),
      Flatten(), Linear(32, 3)) on 4x4 images: running statistics a cumulative average of three
      batches, num_batches_tracked 3 (I64). The JSON has the evaluation-mode logits, loss and
      gradients, and the running statistics after one more training batch ('next_input'),
      weighted 1/4 by the count the file carries.

Both models are trained three SGD steps (lr 0.1) first, so no tensor is at its initial value.

    python3 batchnorm_options_checkpoints.py   # writes the four files beside itself

(where OpenBLAS's environment trips torch, run it under env -u OPENBLAS_CORETYPE -u
OPENBLAS_L2_SIZE).
"""
import json
import os

import torch

TYPES = {torch.float64: "F64", torch.int64: "I64"}


def write_safetensors(path, state):
    header, chunks, offset = {}, [], 0
    for name, tensor in state.items():
        data = tensor.contiguous().numpy().tobytes()
        header[name] = {"dtype": TYPES[tensor.dtype], "shape": list(tensor.shape),
                        "data_offsets": [offset, offset + len(data)]}
        chunks.append(data)
        offset += len(data)
    header["__metadata__"] = {"format": "pt"}
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)  # the specification's padding: data starts 8-aligned
    with open(path, "wb") as f:
        f.write(len(text).to_bytes(8, "little") + text + b"".join(chunks))


def train(model, inputs, labels):
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    for x, y in zip(inputs, labels):
        optimizer.zero_grad()
        torch.nn.functional.cross_entropy(model(x), y).backward()
        optimizer.step()
    optimizer.zero_grad()


def evaluate(model, x, labels):
    model.eval()
    logits = model(x)
    loss = torch.nn.functional.cross_entropy(logits, labels)
    loss.backward()
    return {"input": x.tolist(), "labels": labels.tolist(), "logits": logits.tolist(),
            "mean_softmax_cross_entropy": loss.item(),
            "gradients": {n: p.grad.tolist() for n, p in model.named_parameters()}}


def save(folder, name, model, result):
    state = {k: v.detach() for k, v in model.state_dict().items()}
    write_safetensors(os.path.join(folder, name + ".safetensors"), state)
    result["architecture"] = str(model)
    result["torch"] = torch.__version__
    with open(os.path.join(folder, name + ".json"), "w") as f:
        json.dump(result, f, indent=1)
        f.write("\n")


def main():
    folder = os.path.dirname(os.path.abspath(__file__))
    torch.manual_seed(7)

    model = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.BatchNorm1d(
        4, track_running_stats=False), torch.nn.Tanh(), torch.nn.Linear(4, 2)).double()
    train(model, [torch.randn(6, 3, dtype=torch.float64) * 2 + 1 for _ in range(3)],
          [torch.randint(0, 2, (6,)) for _ in range(3)])
    assert list(model.state_dict()) == ["0.weight", "0.bias", "1.weight", "1.bias", "3.weight",
                                        "3.bias"]
    result = evaluate(model, torch.randn(5, 3, dtype=torch.float64) * 2 + 1,
                      torch.tensor([0, 1, 1, 0, 1]))
    save(folder, "bn_no_running_stats_f64", model, result)

    model = torch.nn.Sequential(
        torch.nn.Conv2d(1, 2, 3, padding=1), torch.nn.BatchNorm2d(2, momentum=None),
        torch.nn.ReLU(), torch.nn.Flatten(), torch.nn.Linear(32, 3)).double()
    train(model, [torch.randn(4, 1, 4, 4, dtype=torch.float64) + i for i in range(3)],
          [torch.randint(0, 3, (4,)) for _ in range(3)])
    assert int(model[1].num_batches_tracked) == 3
    result = evaluate(model, torch.randn(3, 1, 4, 4, dtype=torch.float64),
                      torch.tensor([2, 0, 1]))
    save(folder, "bn_cumulative_f64", model, result)  # before the next batch moves the statistics
    model.train()
    next_input = torch.randn(4, 1, 4, 4, dtype=torch.float64) * 3 - 1
    with torch.no_grad():
        model(next_input)
    result["next_input"] = next_input.tolist()
    result["next_running_mean"] = model[1].running_mean.tolist()
    result["next_running_var"] = model[1].running_var.tolist()
    result["next_num_batches_tracked"] = int(model[1].num_batches_tracked)
    with open(os.path.join(folder, "bn_cumulative_f64.json"), "w") as f:
        json.dump(result, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
