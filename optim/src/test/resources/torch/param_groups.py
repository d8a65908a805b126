"""Regenerates param_groups.json, which ParameterGroupPyTorchTest reads: 12 steps of
torch.optim (PyTorch 1.13, single-tensor code paths, the default then) over three parameters in
three parameter groups, in float64 and float32:

    weight [2, 3]  the optimizer's defaults (the group that overrides nothing)
    bias   [3]     {'weight_decay': 0}
    body   [2, 2]  {'lr': 0.1 * lr}, a pretrained body at a tenth of the head's rate

SGD (momentum, weight decay) under StepLR, Adam (L2 weight decay) without a schedule, AdamW
(decoupled weight decay) under CosineAnnealingLR, each scheduler stepped after every optimizer
step. Each parameter's gradient is g = c*theta + (theta*theta*theta)*0.1 - b with its own c and b
(elementwise, so both sides round it identically), written into p.grad before each step. The
file keeps every parameter after every step and every group's lr before every step.

    python3 param_groups.py > param_groups.json

(where OpenBLAS's environment trips torch, run it under env -u OPENBLAS_CORETYPE -u
OPENBLAS_L2_SIZE).
"""
import json
import torch

PARAMETERS = {
    "weight": {"theta0": [[1.0, -2.0, 0.5], [-0.3, 1.5, -1.0]],
               "c": [[3.0, 1.0, 0.5], [2.0, 0.25, 1.5]],
               "b": [[1.0, -1.0, 0.2], [0.5, 0.1, -0.4]]},
    "bias": {"theta0": [0.7, -0.4, 1.2], "c": [1.0, 2.0, 0.5], "b": [0.3, -0.2, 0.1]},
    "body": {"theta0": [[0.9, -1.1], [0.2, 0.6]], "c": [[2.0, 0.5], [1.0, 3.0]],
             "b": [[0.4, -0.6], [0.1, 0.8]]},
}
STEPS = 12


def groups(params, lr):
    weight, bias, body = params
    return [{"params": [weight]}, {"params": [bias], "weight_decay": 0.0},
            {"params": [body], "lr": 0.1 * lr}]


CASES = {
    "sgd_step_decay": (
        lambda p: torch.optim.SGD(groups(p, 0.1), lr=0.1, momentum=0.9, weight_decay=0.05),
        lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=4, gamma=0.5)),
    "adam": (
        lambda p: torch.optim.Adam(groups(p, 0.05), lr=0.05, weight_decay=0.01),
        None),
    "adamw_cosine": (
        lambda p: torch.optim.AdamW(groups(p, 0.05), lr=0.05, weight_decay=0.1),
        lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=STEPS)),
}


def flat(t):
    return [float(x) for x in t.detach().reshape(-1).tolist()]


def run(make, schedule, dtype):
    params = [torch.tensor(PARAMETERS[name]["theta0"], dtype=dtype, requires_grad=True)
              for name in PARAMETERS]
    constants = [(torch.tensor(PARAMETERS[name]["c"], dtype=dtype),
                  torch.tensor(PARAMETERS[name]["b"], dtype=dtype)) for name in PARAMETERS]
    optimizer = make(params)
    scheduler = schedule(optimizer) if schedule else None
    trajectory, rates = [], []
    for _ in range(STEPS):
        rates.append([group["lr"] for group in optimizer.param_groups])
        with torch.no_grad():
            for theta, (c, b) in zip(params, constants):
                theta.grad = c * theta + (theta * theta * theta) * 0.1 - b
        optimizer.step()
        if scheduler:
            scheduler.step()
        trajectory.append({name: flat(theta) for name, theta in zip(PARAMETERS, params)})
    return {"theta": trajectory, "lr": rates}


print(json.dumps({
    "torch": torch.__version__, "parameters": PARAMETERS, "steps": STEPS,
    "cases": {name: {"f64": run(make, schedule, torch.float64),
                     "f32": run(make, schedule, torch.float32)}
              for name, (make, schedule) in CASES.items()},
}, indent=1))
