"""Regenerates per_sample_losses.txt, which PyTorchPerSampleLossesTest reads: PyTorch 1.13's
reduction='none' for the losses chainrule's Reduction.NONE corresponds to.

- F.cross_entropy (class indices and probability rows, with weight= and label_smoothing=, [N, K]
  and a sequence's [N, T, K]) and F.nll_loss (weight=): torch's 'none' is one loss per row, the
  library's per-sample losses exactly.
- F.mse_loss, F.binary_cross_entropy, F.binary_cross_entropy_with_logits: torch's 'none' is one
  loss per element [N, K]; the library's per-sample loss is the mean over K (sum of squares: the
  sum; half MSE: half the sum), taken here from torch's 'none' in float64.

Each case also draws sample weights v [N] (both signs) and records the gradient, with respect to
the prediction, of sum_i v_i * loss_i: the per-sample losses' gradient under any weighting.

    python3 per_sample_losses.py > per_sample_losses.txt

(use /usr/bin/python3, whose dist-packages hold torch; where OpenBLAS's environment trips torch,
run it under env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE). One tensor a line: 'case/name dims
values', as cross_entropy_options.py writes them; 'per_sample' is the library's expected losses,
'none' torch's own output.
"""
import torch
import torch.nn.functional as F

N, K, T = 6, 4, 3
WEIGHT = [0.5, 2.0, 0.0, 1.5]
# Every class appears among the index targets, class 2 (weight 0) among them.
CLASSES = [0, 2, 1, 3, 1, 2]

CASES = [
    # name, loss, target kind, weighted, smoothing, dtype, sequence
    ("ce_index", "ce", "index", False, 0.0, torch.float64, False),
    ("ce_index_both", "ce", "index", True, 0.2, torch.float64, False),
    ("ce_soft_both", "ce", "soft", True, 0.2, torch.float64, False),
    ("ce_index_both_sequence", "ce", "index", True, 0.1, torch.float64, True),
    ("ce_index_both_float32", "ce", "index", True, 0.2, torch.float32, False),
    ("nll_index_weight", "nll", "index", True, 0.0, torch.float64, False),
    ("nll_index", "nll", "index", False, 0.0, torch.float64, False),
    ("mse", "mse", "real", False, 0.0, torch.float64, False),
    ("sum_of_squares", "sos", "real", False, 0.0, torch.float64, False),
    ("half_mse", "half", "real", False, 0.0, torch.float64, False),
    ("mse_float32", "mse", "real", False, 0.0, torch.float32, False),
    ("bce", "bce", "bits", False, 0.0, torch.float64, False),
    ("bce_soft", "bce", "soft", False, 0.0, torch.float64, False),
    ("bce_logits", "bcel", "bits", False, 0.0, torch.float64, False),
    ("bce_logits_soft", "bcel", "soft", False, 0.0, torch.float64, False),
]


def line(key, t):
    t = t.detach()
    dims = ",".join(str(d) for d in t.shape) if t.dim() > 0 else "-"
    return key + " " + dims + " " + " ".join(repr(float(v)) for v in t.reshape(-1).tolist())


def targets(kind, shape, sequence, dtype, generator):
    if kind == "index":
        if sequence:
            target = torch.randint(0, K, [N, T], generator=generator)
            target[:, 0] = torch.tensor(CLASSES)
            return target
        return torch.tensor(CLASSES)
    if kind == "soft":
        return torch.softmax(
            3 * torch.randn(shape, generator=generator, dtype=torch.float64), -1).to(dtype)
    if kind == "bits":
        return (torch.rand(shape, generator=generator, dtype=torch.float64) > 0.5).to(dtype)
    return torch.randn(shape, generator=generator, dtype=torch.float64).to(dtype)


def run(case, generator, out):
    name, loss, kind, weighted, smoothing, dtype, sequence = case
    shape = [N, T, K] if sequence else [N, K]
    raw = 2 * torch.randn(shape, generator=generator, dtype=torch.float64)
    if loss == "bce":
        raw = torch.sigmoid(raw)  # probabilities, away from 0 and 1
    elif loss == "nll":
        raw = F.log_softmax(raw, -1)
    x = raw.to(dtype).requires_grad_(True)
    target = targets(kind, shape, sequence, dtype, generator)
    weight = torch.tensor(WEIGHT, dtype=dtype) if weighted else None
    v = (4 * torch.rand(shape[:-1], generator=generator, dtype=torch.float64) - 2).to(dtype)
    if loss in ("ce", "nll"):
        # Classes last, as chainrule takes them; PyTorch's on axis 1.
        moved = x.movedim(-1, 1) if sequence else x
        if loss == "ce":
            none = F.cross_entropy(moved, target, weight=weight, reduction="none",
                                   label_smoothing=smoothing)
        else:
            none = F.nll_loss(moved, target, weight=weight, reduction="none")
        per_sample = none
    else:
        if loss in ("mse", "sos", "half"):
            none = F.mse_loss(x, target, reduction="none")
        elif loss == "bce":
            none = F.binary_cross_entropy(x, target, reduction="none")
        else:
            none = F.binary_cross_entropy_with_logits(x, target, reduction="none")
        per_sample = {"sos": none.sum(-1), "half": 0.5 * none.sum(-1)}.get(loss, none.mean(-1))
    (v * per_sample).sum().backward()
    out += [line(name + "/input", x),
            line(name + "/target", target.to(dtype) if kind == "index" else target),
            line(name + "/none", none),
            line(name + "/per_sample", per_sample),
            line(name + "/sample_weights", v),
            line(name + "/grad", x.grad)]
    if weighted:
        out.append(line(name + "/weight", weight))
    out.append(line(name + "/smoothing", torch.tensor(smoothing, dtype=torch.float64)))


def main():
    out = ["# torch " + torch.__version__
           + ": python3 per_sample_losses.py > per_sample_losses.txt"]
    generator = torch.Generator().manual_seed(2025)
    for case in CASES:
        run(case, generator, out)
    print("\n".join(out))


if __name__ == "__main__":
    main()
