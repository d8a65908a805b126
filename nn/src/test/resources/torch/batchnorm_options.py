"""Regenerates batchnorm_options.txt, which PyTorchBatchNormOptionsTest reads: PyTorch 1.13's
BatchNorm1d ([N, C] and [N, C, L]) and BatchNorm2d with momentum=None (a cumulative average of the
batch statistics) and with track_running_stats=False (no buffers; batch statistics in evaluation
too), some with eps 1e-3 and affine=False, in float64.

Each case trains for 4 batches: forward, L = sum(G * y) + 0.5 * sum(y * y), backward, then
weight -= 0.1 * weight.grad and bias -= 0.1 * bias.grad (by hand, gradients zeroed after), so
later batches see the earlier gradients; then one batch in evaluation mode, forward and backward
of the same loss. The file keeps every batch's input x and G, the output y, the gradients of x,
weight and bias, and the running statistics and num_batches_tracked after the batch.

    python3 batchnorm_options.py > batchnorm_options.txt

(where OpenBLAS's environment trips torch, run it under env -u OPENBLAS_CORETYPE -u
OPENBLAS_L2_SIZE). One tensor a line: 'case/batch/name dims values', dims comma-separated
('-' for a scalar), values in Python's repr (shortest round trip: Java parses the same double).
"""
import torch

TRAINING_BATCHES = 4
LEARNING_RATE = 0.1
WEIGHT = [0.5, -2.0, 1.5]
BIAS = [1.0, 0.0, -1.0]
SCALE = [1.0, 3.0, 0.2]
SHIFT = [2.0, -1.0, 0.5]

CASES = [
    # name, layer, shape of a batch
    ("1d_nc_cumulative", lambda: torch.nn.BatchNorm1d(3, momentum=None), [6, 3]),
    ("1d_ncl_cumulative", lambda: torch.nn.BatchNorm1d(3, momentum=None), [4, 3, 5]),
    ("2d_cumulative", lambda: torch.nn.BatchNorm2d(3, momentum=None), [2, 3, 4, 5]),
    ("2d_cumulative_eps_no_affine",
     lambda: torch.nn.BatchNorm2d(3, eps=1e-3, momentum=None, affine=False), [3, 3, 2, 2]),
    ("1d_nc_no_stats", lambda: torch.nn.BatchNorm1d(3, track_running_stats=False), [6, 3]),
    ("1d_ncl_no_stats", lambda: torch.nn.BatchNorm1d(3, track_running_stats=False), [4, 3, 5]),
    ("2d_no_stats", lambda: torch.nn.BatchNorm2d(3, track_running_stats=False), [2, 3, 4, 5]),
    ("1d_ncl_no_stats_eps_no_affine",
     lambda: torch.nn.BatchNorm1d(3, eps=1e-3, affine=False, track_running_stats=False),
     [2, 3, 3]),
]


def line(key, t):
    t = t.detach()
    dims = ",".join(str(d) for d in t.shape) if t.dim() > 0 else "-"
    return key + " " + dims + " " + " ".join(repr(float(v)) for v in t.reshape(-1).tolist())


def channels(values, rank):
    return torch.tensor(values, dtype=torch.float64).reshape([3] + [1] * (rank - 2))


def batch(shape, number, generator):
    # Each batch's own shift makes an average of all batches differ from the latest one's.
    x = torch.randn(shape, generator=generator, dtype=torch.float64)
    x = x * channels(SCALE, len(shape)) + channels(SHIFT, len(shape)) * (1 + 0.5 * number)
    g = torch.randn(shape, generator=generator, dtype=torch.float64)
    return x, g


def run(name, make, shape, out):
    generator = torch.Generator().manual_seed(1234)
    layer = make().double()
    if layer.affine:
        with torch.no_grad():
            layer.weight.copy_(torch.tensor(WEIGHT))
            layer.bias.copy_(torch.tensor(BIAS))
    for number in range(TRAINING_BATCHES + 1):
        training = number < TRAINING_BATCHES
        layer.train(training)
        key = name + "/" + ("train%d" % number if training else "eval")
        x, g = batch(shape, number, generator)
        x.requires_grad_(True)
        y = layer(x)
        loss = (g * y).sum() + 0.5 * (y * y).sum()
        loss.backward()
        out += [line(key + "/x", x), line(key + "/g", g), line(key + "/y", y),
                line(key + "/x_grad", x.grad)]
        if layer.affine:
            out += [line(key + "/weight_grad", layer.weight.grad),
                    line(key + "/bias_grad", layer.bias.grad)]
            with torch.no_grad():
                layer.weight -= LEARNING_RATE * layer.weight.grad
                layer.bias -= LEARNING_RATE * layer.bias.grad
            layer.zero_grad()
        if layer.track_running_stats:
            out += [line(key + "/running_mean", layer.running_mean),
                    line(key + "/running_var", layer.running_var),
                    line(key + "/num_batches_tracked", layer.num_batches_tracked.double())]
    assert set(layer.state_dict().keys()) == (
        ({"weight", "bias"} if layer.affine else set())
        | ({"running_mean", "running_var", "num_batches_tracked"}
           if layer.track_running_stats else set()))


def main():
    out = ["# torch " + torch.__version__ + ": python3 batchnorm_options.py > batchnorm_options.txt"]
    for name, make, shape in CASES:
        run(name, make, shape, out)
    print("\n".join(out))


if __name__ == "__main__":
    main()
