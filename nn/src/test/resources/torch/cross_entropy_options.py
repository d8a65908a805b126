"""Regenerates cross_entropy_options.txt, which PyTorchCrossEntropyOptionsTest reads: PyTorch
1.13's F.cross_entropy with weight= and label_smoothing=, against class indices and against
probability rows, reduction 'mean' and 'sum', in float64 and float32; and F.nll_loss with weight=
(class indices only: PyTorch's nll_loss takes no rows and no smoothing). The cases after them
add ignore_index= (class indices only), with and without weights and smoothing, reductions
'mean', 'sum' and 'none' (whose gradient is that of the rows' losses times a drawn cotangent,
written as '/cotangent'), the ignored index written as '/ignore'. They come last, so the cases
before them draw the same numbers as before they were added.

Each case draws logits z [N, K] (or [N, T, K], a sequence's steps, given to PyTorch as
[N, K, T] since its classes are axis 1) and targets, computes the loss and its gradient with
respect to z (for nll_loss, with respect to its input, the log-probabilities log_softmax(z)).
Class 2 weighs 0 in the weighted cases, and appears among the targets, so a weighted mean that
counted its rows, or smoothing that spread mass onto it unweighted, would show.

    python3 cross_entropy_options.py > cross_entropy_options.txt

(use /usr/bin/python3, whose dist-packages hold torch; where OpenBLAS's environment trips torch,
run it under env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE). One tensor a line: 'case/name dims
values', dims comma-separated ('-' for a scalar), values in Python's repr (shortest round trip:
Java parses the same double; a float32 value is written as the double it widens to).
"""
import torch
import torch.nn.functional as F

N, K, T = 7, 5, 3
WEIGHT = [0.5, 2.0, 0.0, 1.25, 3.0]
# Every class appears among the index targets, class 2 (weight 0) twice.
CLASSES = [0, 2, 1, 4, 2, 3, 1]
# PyTorch's default ignore_index, twice; class 2 (weight 0) still once, so a weighted mean that
# counted an ignored row, or an unweighted one that counted the rows of weight 0, would show.
IGNORED_CLASSES = [0, -100, 1, 4, 2, -100, 3]

CASES = [
    # name, loss, target kind, reduction, weighted, smoothing, dtype, sequence
    ("ce_index_mean_weight", "ce", "index", "mean", True, 0.0, torch.float64, False),
    ("ce_index_sum_weight", "ce", "index", "sum", True, 0.0, torch.float64, False),
    ("ce_index_mean_smooth", "ce", "index", "mean", False, 0.1, torch.float64, False),
    ("ce_index_sum_smooth", "ce", "index", "sum", False, 0.1, torch.float64, False),
    ("ce_index_mean_both", "ce", "index", "mean", True, 0.2, torch.float64, False),
    ("ce_index_sum_both", "ce", "index", "sum", True, 0.2, torch.float64, False),
    ("ce_soft_mean_weight", "ce", "soft", "mean", True, 0.0, torch.float64, False),
    ("ce_soft_sum_weight", "ce", "soft", "sum", True, 0.0, torch.float64, False),
    ("ce_soft_mean_smooth", "ce", "soft", "mean", False, 0.1, torch.float64, False),
    ("ce_soft_sum_smooth", "ce", "soft", "sum", False, 0.1, torch.float64, False),
    ("ce_soft_mean_both", "ce", "soft", "mean", True, 0.2, torch.float64, False),
    ("ce_soft_sum_both", "ce", "soft", "sum", True, 0.2, torch.float64, False),
    ("ce_index_mean_both_sequence", "ce", "index", "mean", True, 0.3, torch.float64, True),
    ("ce_soft_mean_both_sequence", "ce", "soft", "mean", True, 0.3, torch.float64, True),
    ("ce_index_mean_both_float32", "ce", "index", "mean", True, 0.2, torch.float32, False),
    ("ce_index_sum_both_float32", "ce", "index", "sum", True, 0.2, torch.float32, False),
    ("ce_soft_mean_both_float32", "ce", "soft", "mean", True, 0.2, torch.float32, False),
    ("ce_soft_sum_both_float32", "ce", "soft", "sum", True, 0.2, torch.float32, False),
    ("nll_index_mean_weight", "nll", "index", "mean", True, 0.0, torch.float64, False),
    ("nll_index_sum_weight", "nll", "index", "sum", True, 0.0, torch.float64, False),
    # ignore_index: -100 (IGNORED_CLASSES) unless the case says a class (then of CLASSES).
    ("ce_ignore_mean", "ce", "index", "mean", False, 0.0, torch.float64, False, -100),
    ("ce_ignore_sum", "ce", "index", "sum", False, 0.0, torch.float64, False, -100),
    ("ce_ignore_none", "ce", "index", "none", False, 0.0, torch.float64, False, -100),
    ("ce_ignore_mean_weight", "ce", "index", "mean", True, 0.0, torch.float64, False, -100),
    ("ce_ignore_sum_weight", "ce", "index", "sum", True, 0.0, torch.float64, False, -100),
    ("ce_ignore_none_weight", "ce", "index", "none", True, 0.0, torch.float64, False, -100),
    ("ce_ignore_mean_smooth", "ce", "index", "mean", False, 0.1, torch.float64, False, -100),
    ("ce_ignore_none_smooth", "ce", "index", "none", False, 0.1, torch.float64, False, -100),
    ("ce_ignore_mean_both", "ce", "index", "mean", True, 0.2, torch.float64, False, -100),
    ("ce_ignore_sum_both", "ce", "index", "sum", True, 0.2, torch.float64, False, -100),
    ("ce_ignore_none_both", "ce", "index", "none", True, 0.2, torch.float64, False, -100),
    ("ce_ignore_class_mean_both", "ce", "index", "mean", True, 0.2, torch.float64, False, 1),
    ("ce_ignore_mean_both_sequence", "ce", "index", "mean", True, 0.3, torch.float64, True,
     -100),
    ("ce_ignore_none_both_sequence", "ce", "index", "none", True, 0.3, torch.float64, True,
     -100),
    ("ce_ignore_mean_both_float32", "ce", "index", "mean", True, 0.2, torch.float32, False,
     -100),
    ("ce_ignore_sum_both_float32", "ce", "index", "sum", True, 0.2, torch.float32, False, -100),
    ("ce_ignore_none_both_float32", "ce", "index", "none", True, 0.2, torch.float32, False,
     -100),
    ("nll_ignore_mean", "nll", "index", "mean", False, 0.0, torch.float64, False, -100),
    ("nll_ignore_mean_weight", "nll", "index", "mean", True, 0.0, torch.float64, False, -100),
    ("nll_ignore_sum_weight", "nll", "index", "sum", True, 0.0, torch.float64, False, -100),
    ("nll_ignore_none_weight", "nll", "index", "none", True, 0.0, torch.float64, False, -100),
]


def line(key, t):
    t = t.detach()
    dims = ",".join(str(d) for d in t.shape) if t.dim() > 0 else "-"
    return key + " " + dims + " " + " ".join(repr(float(v)) for v in t.reshape(-1).tolist())


def run(case, generator, out):
    name, loss, kind, reduction, weighted, smoothing, dtype, sequence, *rest = case
    ignore = rest[0] if rest else None
    # F.cross_entropy's and F.nll_loss's default: no row of these targets equals it.
    ignore_index = -100 if ignore is None else ignore
    classes = IGNORED_CLASSES if ignore == -100 else CLASSES
    # Classes last, as chainrule takes them; PyTorch's on axis 1.
    shape = [N, T, K] if sequence else [N, K]
    z = (2 * torch.randn(shape, generator=generator, dtype=torch.float64)).to(dtype)
    if kind == "index":
        if sequence:
            target = torch.randint(0, K, [N, T], generator=generator)
            target[:, 0] = torch.tensor(classes)
        else:
            target = torch.tensor(classes)
    else:
        target = torch.softmax(
            3 * torch.randn(shape, generator=generator, dtype=torch.float64), -1).to(dtype)
    weight = torch.tensor(WEIGHT, dtype=dtype) if weighted else None
    x = z.clone().requires_grad_(True)
    moved = x.movedim(-1, 1) if sequence else x
    torch_target = target.movedim(-1, 1) if sequence and kind == "soft" else target
    if loss == "ce":
        value = F.cross_entropy(moved, torch_target, weight=weight, reduction=reduction,
                                label_smoothing=smoothing, ignore_index=ignore_index)
        differentiated = x
    else:
        log_p = F.log_softmax(z, -1).detach().requires_grad_(True)
        value = F.nll_loss(log_p, target, weight=weight, reduction=reduction,
                           ignore_index=ignore_index)
        differentiated = log_p
    cotangent = None
    if reduction == "none":
        cotangent = torch.randn(value.shape, generator=generator, dtype=torch.float64).to(dtype)
        (value * cotangent).sum().backward()
    else:
        value.backward()
    out += [line(name + "/input", differentiated),
            line(name + "/target", target.to(dtype) if kind == "index" else target),
            line(name + "/loss", value),
            line(name + "/grad", differentiated.grad)]
    if weighted:
        out.append(line(name + "/weight", weight))
    out.append(line(name + "/smoothing", torch.tensor(smoothing, dtype=torch.float64)))
    if ignore is not None:
        out.append(line(name + "/ignore", torch.tensor(ignore, dtype=torch.float64)))
    if cotangent is not None:
        out.append(line(name + "/cotangent", cotangent))


def main():
    out = ["# torch " + torch.__version__
           + ": python3 cross_entropy_options.py > cross_entropy_options.txt"]
    generator = torch.Generator().manual_seed(2024)
    for case in CASES:
        run(case, generator, out)
    print("\n".join(out))


if __name__ == "__main__":
    main()
