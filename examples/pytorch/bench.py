"""PyTorch's figures for chainrule's `bench`, measured the same way, for side-by-side ratios.

Run it in the same session as `java -jar examples/target/chainrule.jar bench --json`, with
OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset for this command only, and quote ratios from one
run, never absolutes from different days:

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 examples/pytorch/bench.py \\
        [--data DIR] [--skip-mlp]

It prints PyTorch's counterparts of `bench`'s figures (medians of 9 timed runs, 3 for the MLP
epoch, after untimed ones): the kernels, the Iris step, the README's u'' = -u step
(pinn_us_per_step: a loss holding the network's second derivative by its input), GEMM and, unless
--skip-mlp, the MLP epoch in both types; then a last line of JSON with the same keys, prefixed
`torch_`. Debian's python3-torch (1.13) is enough.

cpu_capability is the instruction set PyTorch's own elementwise kernels (ATen's) run at: AVX2 by
default on an AVX-512 processor, where the JVM compiles chainrule's loops for AVX-512. The
protocol keeps PyTorch's defaults; ATEN_CPU_CAPABILITY=avx512 in the environment shows its best
(exp, sigmoid and tanh 2 to 4 times as fast on the AMD EPYC; add unchanged).
"""
import argparse
import gzip
import json
import os
import resource
import statistics
import struct
import time

import torch


def median_seconds(samples, work):
    times = []
    for _ in range(samples):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def kernels(dtype, samples=9, calls=300):
    """Nanoseconds per element of the kernels of KernelBench, 128 x 512, one thread."""
    g = torch.Generator().manual_seed(1)
    x = torch.randn(128, 512, generator=g, dtype=dtype)
    other = torch.randn(128, 512, generator=g, dtype=dtype)
    row = torch.randn(512, generator=g, dtype=dtype)
    table = {
        "add": lambda: x + other,
        "mul": lambda: x * other,
        "square": lambda: x * x,
        "add_row": lambda: x + row,
        "relu": lambda: torch.relu(x),
        "sum": lambda: x.sum(),
        "exp": lambda: torch.exp(x),
        "sigmoid": lambda: torch.sigmoid(x),
        "tanh": lambda: torch.tanh(x),
    }
    figures = {}
    for name, kernel in table.items():
        def run():
            for _ in range(calls):
                kernel()
        run()
        figures[name] = median_seconds(samples, run) * 1e9 / calls / x.numel()
    return figures


def mlp_epoch(dtype, images, labels, samples=3):
    """Median seconds of one epoch of the MLP of `mlp_trainer`, after an untimed epoch."""
    return median_seconds(samples, mlp_trainer(dtype, images, labels))


def mlp_trainer(dtype, images, labels):
    """One epoch of the 784-256-128-10 ReLU MLP, batches of 128, SGD, softmax cross-entropy.

    Returns a function that trains one more epoch, after training one untimed epoch."""
    torch.manual_seed(0)
    model = torch.nn.Sequential(
        torch.nn.Linear(784, 256), torch.nn.ReLU(),
        torch.nn.Linear(256, 128), torch.nn.ReLU(),
        torch.nn.Linear(128, 10)).to(dtype)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05)
    x = images.to(dtype)
    y = labels

    def epoch():
        order = torch.randperm(x.shape[0])
        for start in range(0, x.shape[0], 128):
            batch = order[start:start + 128]
            optimizer.zero_grad()
            loss = torch.nn.functional.cross_entropy(model(x[batch]), y[batch])
            loss.backward()
            optimizer.step()

    epoch()
    return epoch


def iris_network():
    """A fresh 4-16-3 ReLU network on 150 Iris-shaped samples (float64) with Adam.

    Returns a function that trains it a given number of steps more."""
    g = torch.Generator().manual_seed(0)
    x = torch.randn(150, 4, generator=g, dtype=torch.float64)
    y = torch.randint(0, 3, (150,), generator=g)
    model = torch.nn.Sequential(
        torch.nn.Linear(4, 16), torch.nn.ReLU(), torch.nn.Linear(16, 3)).double()
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)

    def train(steps):
        for _ in range(steps):
            optimizer.zero_grad()
            torch.nn.functional.cross_entropy(model(x), y).backward()
            optimizer.step()

    return train


def iris_step(steps=500, samples=9):
    """Seconds per Adam step of `iris_network`, timed from its 500th step on."""
    train = iris_network()
    train(steps)
    return median_seconds(samples, lambda: train(steps)) / steps


def pinn_network():
    """A fresh u(x), 1-16-16-1 tanh (float64), trained with Adam so that u'' = -u on 33 points of
    [0, 2] with u(0) = 0 and u'(0) = 1: the README's differential-equation example, whose loss
    holds the network's first and second derivatives by its input (torch.autograd.grad with
    create_graph=True), so that backward takes a third.

    The weights are PyTorch's own default initialization, not chainrule's seeded one: no op in
    the step branches on values (tanh, no ReLU), so the cost of a step does not depend on them.

    Returns a function that trains it a given number of steps more."""
    torch.manual_seed(0)
    u = torch.nn.Sequential(
        torch.nn.Linear(1, 16), torch.nn.Tanh(), torch.nn.Linear(16, 16), torch.nn.Tanh(),
        torch.nn.Linear(16, 1)).double()
    # Leaves that require gradients, as chainrule's Variable.parameter: their .grad accumulates
    # on both sides, never read.
    x = torch.linspace(0, 2, 33, dtype=torch.float64).reshape(33, 1).requires_grad_()
    origin = torch.zeros(1, 1, dtype=torch.float64, requires_grad=True)
    optimizer = torch.optim.Adam(u.parameters(), lr=0.01)

    def loss():
        y = u(x)
        dy, = torch.autograd.grad(y.sum(), x, create_graph=True)  # u' at each point
        d2y, = torch.autograd.grad(dy.sum(), x, create_graph=True)  # u''
        y0 = u(origin)
        dy0, = torch.autograd.grad(y0.sum(), origin, create_graph=True)
        return (d2y + y).square().mean() + y0.square().sum() + (dy0 - 1).square().sum()

    def train(steps):
        for _ in range(steps):
            optimizer.zero_grad()
            loss().backward()
            optimizer.step()

    return train


def pinn_step(steps=200, samples=9):
    """Seconds per Adam step of `pinn_network`, timed from its 200th step on, as `iris_step`."""
    train = pinn_network()
    train(steps)
    return median_seconds(samples, lambda: train(steps)) / steps


def gemm_gflops(dtype, n=512, samples=9):
    a = torch.randn(n, n, dtype=dtype)
    b = torch.randn(n, n, dtype=dtype)
    a @ b
    return 2 * n ** 3 / median_seconds(samples, lambda: a @ b) / 1e9


def cpu_capability():
    """ATen's CPU capability ("AVX2", "AVX512", "DEFAULT"), as torch.__config__.show() says it."""
    for line in torch.__config__.show().splitlines():
        if "CPU capability usage:" in line:
            return line.split(":", 1)[1].strip()
    return "unknown"


def read_idx(path):
    with gzip.open(path, "rb") if path.endswith(".gz") else open(path, "rb") as f:
        data = f.read()
    magic, count = struct.unpack(">II", data[:8])
    if magic == 0x803:
        rows, cols = struct.unpack(">II", data[8:16])
        return torch.frombuffer(bytearray(data[16:]), dtype=torch.uint8).reshape(count, rows * cols)
    return torch.frombuffer(bytearray(data[8:]), dtype=torch.uint8).long()


def mlp_data(folder):
    """Fashion-MNIST's training set from `folder`, else random data of its shape (as `bench`)."""
    images_file = os.path.join(folder, "train-images-idx3-ubyte.gz")
    labels_file = os.path.join(folder, "train-labels-idx1-ubyte.gz")
    if os.path.exists(images_file):
        return read_idx(images_file).double() / 255, read_idx(labels_file)
    return torch.rand(60000, 784, dtype=torch.float64), torch.randint(0, 10, (60000,))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    parser.add_argument("--skip-mlp", action="store_true")
    args = parser.parse_args()
    figures = {"cpu_capability": cpu_capability(), "threads": torch.get_num_threads()}
    torch.set_num_threads(1)
    for dtype, suffix in ((torch.float64, ""), (torch.float32, "_f32")):
        for name, ns in kernels(dtype).items():
            figures[f"kernel_{name}_ns{suffix}"] = ns
    torch.set_num_threads(figures["threads"])
    figures["iris_us_per_step"] = iris_step() * 1e6
    figures["pinn_us_per_step"] = pinn_step() * 1e6
    figures["gemm_gflops"] = gemm_gflops(torch.float64)
    figures["gemm_gflops_f32"] = gemm_gflops(torch.float32)
    if not args.skip_mlp:
        images, labels = mlp_data(args.data)
        figures["mlp_seconds_per_epoch"] = mlp_epoch(torch.float64, images, labels)
        figures["mlp_seconds_per_epoch_f32"] = mlp_epoch(torch.float32, images, labels)
    figures["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    for key, value in figures.items():
        print(f"{key:32s} {value:12.4f}" if isinstance(value, float) else f"{key:32s} {value:>12}")
    print(json.dumps({"torch_" + k: round(v, 4) if isinstance(v, float) else v
                      for k, v in figures.items()}))


if __name__ == "__main__":
    main()
