"""The rates StepSchedulesTest expects: PyTorch 1.13's per-step schedulers stepped on an SGD.

Run: /usr/bin/python3 step_schedules.py > step_schedules.json

Each case's "rates" are the optimizer's lr before each optimizer step, the way a training loop
sees it: index 0 is the rate the scheduler's constructor sets, index k the rate after k calls of
scheduler.step() (one after each optimizer.step(), so the rate of step k). OneCycleLR's list runs
to k = total_steps, the last call PyTorch allows; "raises" is its message one call later."""
import json

import torch
from torch.optim import lr_scheduler as L


def sgd(lr):
    return torch.optim.SGD([torch.nn.Parameter(torch.zeros(1, dtype=torch.float64))], lr=lr,
                           momentum=0.9)


def rates(opt, scheduler, steps):
    out = [opt.param_groups[0]['lr']]
    for _ in range(steps):
        opt.step()
        scheduler.step()
        out.append(opt.param_groups[0]['lr'])
    return out


def one_cycle(max_lr, total_steps, **kw):
    opt = sgd(0.123)  # OneCycleLR ignores the optimizer's rate: max_lr sets the schedule
    s = L.OneCycleLR(opt, max_lr=max_lr, total_steps=total_steps, cycle_momentum=False, **kw)
    case = dict(max_lr=max_lr, total_steps=total_steps, pct_start=0.3, anneal_strategy='cos',
                div_factor=25.0, final_div_factor=1e4, three_phase=False)
    case.update(kw)
    case['rates'] = rates(opt, s, total_steps)
    opt.step()
    try:
        s.step()
        case['raises'] = None
    except ValueError as e:
        case['raises'] = str(e)
    return case


def warm_restarts(base_lr, T_0, T_mult, eta_min, steps):
    opt = sgd(base_lr)
    s = L.CosineAnnealingWarmRestarts(opt, T_0=T_0, T_mult=T_mult, eta_min=eta_min)
    return dict(base_lr=base_lr, T_0=T_0, T_mult=T_mult, eta_min=eta_min,
                rates=rates(opt, s, steps))


def warm_up(base_lr, start_factor, warmup, cosine_steps, eta_min):
    """LinearLR then CosineAnnealingLR under SequentialLR, through the cosine's end: after it
    PyTorch's recursive cosine climbs back up, where ours holds the minimum."""
    opt = sgd(base_lr)
    linear = L.LinearLR(opt, start_factor=start_factor, total_iters=warmup)
    if cosine_steps == 0:
        s, steps = linear, warmup + 5
    else:
        cosine = L.CosineAnnealingLR(opt, T_max=cosine_steps, eta_min=eta_min)
        s = L.SequentialLR(opt, [linear, cosine], milestones=[warmup])
        steps = warmup + cosine_steps
    return dict(base_lr=base_lr, start_factor=start_factor, warmup=warmup,
                cosine_steps=cosine_steps, eta_min=eta_min, rates=rates(opt, s, steps))


print(json.dumps(dict(
    torch=torch.__version__,
    one_cycle=[
        one_cycle(0.1, 100),
        one_cycle(1.0, 10),
        one_cycle(0.05, 37, pct_start=0.25, div_factor=10.0, final_div_factor=100.0),
        one_cycle(0.2, 20, anneal_strategy='linear'),
        one_cycle(0.3, 30, three_phase=True),
        one_cycle(0.01, 7, pct_start=0.1),  # a warm-up shorter than a step: none
        one_cycle(0.5, 1),
    ],
    warm_restarts=[
        warm_restarts(0.1, 10, 1, 0.0, 35),
        warm_restarts(0.05, 3, 2, 1e-4, 50),
        warm_restarts(1.0, 1, 3, 0.001, 130),  # past 121, where step(121) misplaces a restart
        warm_restarts(0.1, 5, 1, 0.01, 12),
    ],
    warm_up=[
        warm_up(0.1, 0.01, 10, 0, 0.0),
        warm_up(0.05, 0.1, 7, 25, 1e-4),
    ],
), indent=1))
