"""Regenerates optimizer_options.json, which PyTorchOptionsTest reads: 20 steps of
torch.optim (PyTorch 1.13, single-tensor code paths, the default then) with the options
chainrule added (SGD dampening, Adam/AdamW amsgrad, RMSprop centered, Adagrad lr_decay and
initial_accumulator_value), in float64 and float32.

The problem: theta0 of shape [2, 3], the gradient g = c*theta + (theta*theta*theta)*0.1 - b
(elementwise, so both sides round it identically), written into p.grad before each step.
The file keeps theta after every step and the final state_dict's per-parameter state.

    python3 optimizer_options.py > optimizer_options.json

(where OpenBLAS's environment trips torch, run it under env -u OPENBLAS_CORETYPE -u
OPENBLAS_L2_SIZE).
"""
import json
import torch

THETA0 = [[1.0, -2.0, 0.5], [-0.3, 1.5, -1.0]]
C = [[3.0, 1.0, 0.5], [2.0, 0.25, 1.5]]
B = [[1.0, -1.0, 0.2], [0.5, 0.1, -0.4]]
STEPS = 20

CASES = {
    "sgd_dampening": lambda p: torch.optim.SGD(
        p, lr=0.05, momentum=0.9, dampening=0.3, weight_decay=0.01),
    "adam_amsgrad": lambda p: torch.optim.Adam(p, lr=0.1, amsgrad=True, weight_decay=0.01),
    "adamw_amsgrad": lambda p: torch.optim.AdamW(
        p, lr=0.1, betas=(0.8, 0.99), amsgrad=True, weight_decay=0.1),
    "rmsprop_centered": lambda p: torch.optim.RMSprop(p, lr=0.01, alpha=0.9, centered=True),
    "rmsprop_centered_momentum": lambda p: torch.optim.RMSprop(
        p, lr=0.01, alpha=0.9, centered=True, momentum=0.5, weight_decay=0.01),
    "adagrad_options": lambda p: torch.optim.Adagrad(
        p, lr=0.5, lr_decay=0.1, initial_accumulator_value=0.2, weight_decay=0.01),
}


def flat(t):
    return [float(x) for x in t.detach().reshape(-1).tolist()]


def run(make, dtype):
    theta = torch.tensor(THETA0, dtype=dtype, requires_grad=True)
    c = torch.tensor(C, dtype=dtype)
    b = torch.tensor(B, dtype=dtype)
    optimizer = make([theta])
    trajectory = []
    for _ in range(STEPS):
        with torch.no_grad():
            theta.grad = c * theta + (theta * theta * theta) * 0.1 - b
        optimizer.step()
        trajectory.append(flat(theta))
    state = optimizer.state_dict()["state"][0]
    return {"theta": trajectory,
            "state": {k: (float(v) if k == "step" else flat(v)) for k, v in state.items()}}


print(json.dumps({
    "torch": torch.__version__, "theta0": THETA0, "c": C, "b": B, "steps": STEPS,
    "cases": {name: {"f64": run(make, torch.float64), "f32": run(make, torch.float32)}
              for name, make in CASES.items()},
}, indent=1))
