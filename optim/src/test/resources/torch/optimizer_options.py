"""Regenerates optimizer_options.json, which PyTorchOptionsTest and PyTorchStateLoadTest read:
20 steps of torch.optim (PyTorch 1.13, single-tensor code paths, the default then) with the
options chainrule added (SGD dampening, Adam/AdamW amsgrad, RMSprop centered, Adagrad lr_decay
and initial_accumulator_value, and maximize on all five, each with weight decay and the
algorithm's variants), in float64 and float32.

The problem: theta0 of shape [2, 3], the gradient g = c*theta + (theta*theta*theta)*0.1 - b
(elementwise, so both sides round it identically), written into p.grad before each step. A
case that maximizes is given -g instead, the gradient of the concave -f it climbs (the ascent
of f itself would run off to infinity). A case in CLIPPED has its gradient clipped by
clip_grad_value_ before each step, as a training loop clips between backward and step. The
file keeps, per case, the gradient's sign and the clipping, theta after every step, the
state_dict's per-parameter state after step 10 and at the end, and the param_group's settings.

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
    "sgd_maximize": lambda p: torch.optim.SGD(p, lr=0.05, weight_decay=0.01, maximize=True),
    "sgd_maximize_dampening": lambda p: torch.optim.SGD(
        p, lr=0.05, momentum=0.9, dampening=0.3, weight_decay=0.01, maximize=True),
    "sgd_maximize_nesterov": lambda p: torch.optim.SGD(
        p, lr=0.05, momentum=0.9, nesterov=True, weight_decay=0.01, maximize=True),
    "sgd_maximize_clipped": lambda p: torch.optim.SGD(
        p, lr=0.05, momentum=0.9, weight_decay=0.01, maximize=True),
    "adam_maximize": lambda p: torch.optim.Adam(p, lr=0.1, weight_decay=0.01, maximize=True),
    "adam_maximize_amsgrad": lambda p: torch.optim.Adam(
        p, lr=0.1, amsgrad=True, weight_decay=0.01, maximize=True),
    "adamw_maximize": lambda p: torch.optim.AdamW(
        p, lr=0.1, betas=(0.8, 0.99), weight_decay=0.1, maximize=True),
    "adamw_maximize_amsgrad": lambda p: torch.optim.AdamW(
        p, lr=0.1, betas=(0.8, 0.99), amsgrad=True, weight_decay=0.1, maximize=True),
    "rmsprop_maximize": lambda p: torch.optim.RMSprop(
        p, lr=0.01, alpha=0.9, weight_decay=0.01, maximize=True),
    "rmsprop_maximize_centered_momentum": lambda p: torch.optim.RMSprop(
        p, lr=0.01, alpha=0.9, centered=True, momentum=0.5, weight_decay=0.01, maximize=True),
    "adagrad_maximize": lambda p: torch.optim.Adagrad(
        p, lr=0.5, lr_decay=0.1, initial_accumulator_value=0.2, weight_decay=0.01,
        maximize=True),
}
# clip_grad_value_'s limit per case: torch clips the gradient the optimizer then negates.
CLIPPED = {"sgd_maximize_clipped": 0.5}


def flat(t):
    return [float(x) for x in t.detach().reshape(-1).tolist()]


def per_parameter(optimizer):
    # SGD without momentum keeps momentum_buffer None: no buffer, as chainrule keeps none.
    state = optimizer.state_dict()["state"][0]
    return {k: (float(v) if k == "step" else flat(v)) for k, v in state.items() if v is not None}


def run(make, clip, dtype):
    theta = torch.tensor(THETA0, dtype=dtype, requires_grad=True)
    c = torch.tensor(C, dtype=dtype)
    b = torch.tensor(B, dtype=dtype)
    optimizer = make([theta])
    sign = -1 if optimizer.param_groups[0]["maximize"] else 1
    trajectory = []
    for step in range(STEPS):
        with torch.no_grad():
            g = c * theta + (theta * theta * theta) * 0.1 - b
            theta.grad = -g if sign < 0 else g
        if clip is not None:
            torch.nn.utils.clip_grad_value_([theta], clip)
        optimizer.step()
        trajectory.append(flat(theta))
        if step + 1 == STEPS // 2:
            halfway = per_parameter(optimizer)
    return {"theta": trajectory, "state_halfway": halfway, "state": per_parameter(optimizer)}


def case(name, make):
    clip = CLIPPED.get(name)
    group = make([torch.zeros(1)]).state_dict()["param_groups"][0]
    return {"param_group": {k: v for k, v in group.items() if k != "params"},
            "gradient_sign": -1 if group["maximize"] else 1, "clip_value": clip,
            "f64": run(make, clip, torch.float64), "f32": run(make, clip, torch.float32)}


print(json.dumps({
    "torch": torch.__version__, "theta0": THETA0, "c": C, "b": B, "steps": STEPS,
    "cases": {name: case(name, make) for name, make in CASES.items()},
}, indent=1))
