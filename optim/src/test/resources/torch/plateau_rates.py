"""The rates PlateauSchedulerTest expects: PyTorch 1.13 ReduceLROnPlateau fed its figures.

Run: python3 plateau_rates.py (prints each case's settings, figures and rates after each step)."""
import torch, math
def run(values, lr, **kw):
    p = torch.nn.Parameter(torch.zeros(1))
    opt = torch.optim.SGD([p], lr=lr)
    s = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, **kw)
    out = []
    for v in values:
        s.step(v)
        out.append(opt.param_groups[0]['lr'])
    return out
losses = [1.0, 0.9, 0.9, 0.89995, 0.95, 0.8, 0.8, 0.8, 0.8, float('nan'), 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.69, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7]
acc = [0.5, 0.6, 0.605, 0.61, 0.62, 0.625, 0.7, 0.7, 0.705, 0.71, 0.72, 0.8, 0.8, 0.8, 0.8]
neg = [-1.0, -1.00005, -1.00005, -0.99995, -0.9999, -0.9999, -2.0, -2.0, -2.0, -1.5, -1.99]
cases = {
 'defaultsHalving': (losses, 0.1, dict(factor=0.5, patience=2)),
 'cooldownAndFloor': (losses, 0.1, dict(factor=0.5, patience=1, cooldown=2, min_lr=0.02)),
 'maxAbsolute': (acc, 0.1, dict(mode='max', factor=0.1, patience=1, threshold=0.01, threshold_mode='abs')),
 'epsSkipsTinyReductions': (losses, 1e-7, dict(factor=0.5, patience=0)),
 'negativeRelative': (neg, 0.1, dict(factor=0.5, patience=0)),
 'infinities': ([float('inf'), float('inf'), 3.0, float('inf'), 3.0, 3.0], 0.1, dict(factor=0.5, patience=1)),
 'minusInfinityImproves': ([1.0, float('-inf'), 0.5, 0.5, 0.5, 0.5], 0.1, dict(factor=0.5, patience=1)),
 'plusInfinityImprovesAMaximum': ([1.0, 0.5, float('inf'), float('inf'), 0.2], 0.1, dict(mode='max', factor=0.5, patience=1)),
}
for name, (vals, lr, kw) in cases.items():
    print(name, kw, lr)
    print('  values', vals)
    print('  rates ', ', '.join(repr(x) for x in run(vals, lr, **kw)))
