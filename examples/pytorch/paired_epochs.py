"""chainrule's MLP epochs and PyTorch's, timed alternately: ratios the machine's drift cannot move.

This machine's speed drifts by tens of percent over minutes, so an epoch from `bench` and one
from bench.py, minutes apart, compare the machine as much as the frameworks. Here both stay
warm in their own processes and take turns, epoch by epoch, on the same data:

    python3 examples/pytorch/paired_epochs.py [--jar examples/target/chainrule.jar]
                                              [--rounds 10] [--data DIR] [--iris]
                                              [--java-option=--add-modules=jdk.incubator.vector]

It starts `java [OPTIONS] -jar JAR bench --serve-epochs` with this shell's environment, then unsets
OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE for PyTorch alone (as bench.py asks) before importing it.
Each round times, per type, one epoch of PyTorch's, one of chainrule's trainer with its defaults
(under which plain SGD updates in backward, inside the weight-gradient products) and one of
chainrule's stepping after backward (`Trainer.Builder.updateInBackward(false)`, PyTorch's loop),
in an order that rotates by round. It prints every round, the medians, and a last line of JSON:
per type the median of the rounds' ratios (chainrule's time over PyTorch's, both ways) and the
median shares of chainrule's epochs outside their matrix products, and PyTorch's CPU capability
(bench.py's cpu_capability).

With --iris it alternates blocks of the Iris network's training steps instead (4-16-3, batch 150,
Adam, float64; 500 steps a block, each network timed from its 500th step to its 5,000th, as
`bench` and bench.py time them), and reports the median of the blocks' ratios.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jar", default="examples/target/chainrule.jar")
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    parser.add_argument("--iris", action="store_true",
                        help="blocks of Iris steps instead of MLP epochs")
    parser.add_argument("--java-option", action="append", default=[],
                        help="an option for the JVM, before -jar (repeat for several); written"
                             " with '=' when it starts with '--'")
    args = parser.parse_args()
    if args.rounds < 1:
        parser.error(f"--rounds must be at least 1, got {args.rounds}")
    if not os.path.isfile(args.jar):
        parser.error(f"--jar {args.jar}: no such file (build it: ./mvnw -q package -DskipTests)")
    java = subprocess.Popen(["java", *args.java_option, "-jar", args.jar, "bench",
                             "--serve-epochs", "--data", args.data],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    for name in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):
        os.environ.pop(name, None)
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import bench
    import torch

    if not args.iris:
        images, labels = bench.mlp_data(args.data)
        types = {"float32": torch.float32, "float64": torch.float64}
        trainers = {name: bench.mlp_trainer(dtype, images, labels)
                    for name, dtype in types.items()}
    line = java.stdout.readline()
    if line.strip() != "ready":
        java.kill()
        sys.exit(f"chainrule's epoch server did not start (it said {line!r})")
    if args.iris:
        paired_iris(java, bench, args.rounds)
        return

    def chainrule_epoch(name, stepping=False):
        java.stdin.write(name + (" stepping" if stepping else "") + "\n")
        java.stdin.flush()
        line = java.stdout.readline()
        if not line:
            sys.exit(f"chainrule's epoch server stopped (exit code {java.wait()})")
        answer = json.loads(line)
        return answer["seconds"], answer.get("gemm_seconds")

    def torch_epoch(name):
        start = time.perf_counter()
        trainers[name]()
        return time.perf_counter() - start

    results = {}
    for name in types:
        ratios, outside, ours, theirs, stepping_ratios, stepping_outside = [], [], [], [], [], []
        for round_ in range(args.rounds):
            # The three epochs of a round in a rotating order: none is always first or last.
            timed = {}
            for which in ("torch", "chainrule", "stepping")[round_ % 3:] + \
                    ("torch", "chainrule", "stepping")[:round_ % 3]:
                if which == "torch":
                    timed[which] = torch_epoch(name)
                else:
                    timed[which] = chainrule_epoch(name, which == "stepping")
            pt = timed["torch"]
            cr, gemm = timed["chainrule"]
            st, st_gemm = timed["stepping"]
            ratios.append(cr / pt)
            stepping_ratios.append(st / pt)
            outside.append(1 - gemm / cr)
            stepping_outside.append(1 - st_gemm / st)
            ours.append(cr)
            theirs.append(pt)
            print(f"{name} round {round_ + 1}: chainrule {cr:.3f} s ({100 * outside[-1]:.1f} %"
                  f" outside the products), stepping after backward {st:.3f} s"
                  f" ({100 * stepping_outside[-1]:.1f} %), PyTorch {pt:.3f} s,"
                  f" ratios {cr / pt:.3f} and {st / pt:.3f}", flush=True)
        results[name] = (ratios, outside, ours, theirs, stepping_ratios, stepping_outside)
        print(f"{name}: median ratio {statistics.median(ratios):.3f} (range {min(ratios):.3f}"
              f"-{max(ratios):.3f}), outside the products {100 * statistics.median(outside):.1f}"
              f" %; stepping after backward {statistics.median(stepping_ratios):.3f} (range"
              f" {min(stepping_ratios):.3f}-{max(stepping_ratios):.3f}), outside the products"
              f" {100 * statistics.median(stepping_outside):.1f} %", flush=True)
    java.stdin.write("\n")
    java.stdin.close()
    java.wait()
    figures = {"rounds": args.rounds, "torch_cpu_capability": bench.cpu_capability()}
    for name, suffix in (("float64", ""), ("float32", "_f32")):
        ratios, outside, ours, theirs, stepping_ratios, stepping_outside = results[name]
        figures["paired_epoch_ratio" + suffix] = round(statistics.median(ratios), 4)
        figures["paired_outside_share" + suffix] = round(statistics.median(outside), 4)
        figures["paired_stepping_ratio" + suffix] = round(statistics.median(stepping_ratios), 4)
        figures["paired_stepping_outside_share" + suffix] = round(
            statistics.median(stepping_outside), 4)
        figures["chainrule_seconds_per_epoch" + suffix] = round(statistics.median(ours), 4)
        figures["torch_seconds_per_epoch" + suffix] = round(statistics.median(theirs), 4)
    print(json.dumps(figures))


def paired_iris(java, bench, rounds, steps=500, untimed=500, last=5000):
    """Alternates blocks of Iris steps, chainrule's (asked of the server) and PyTorch's."""
    network = {"train": None, "trained": 0}

    def torch_block():
        if network["train"] is None or network["trained"] + steps > last:
            network["train"] = bench.iris_network()
            network["train"](untimed)
            network["trained"] = untimed
        start = time.perf_counter()
        network["train"](steps)
        network["trained"] += steps
        return (time.perf_counter() - start) / steps * 1e6

    def chainrule_block():
        java.stdin.write("iris\n")
        java.stdin.flush()
        line = java.stdout.readline()
        if not line:
            sys.exit(f"chainrule's epoch server stopped (exit code {java.wait()})")
        return json.loads(line)["us_per_step"]

    chainrule_block()  # the server warms its compiler on the first request
    torch_block()
    ratios, ours, theirs = [], [], []
    for round_ in range(rounds):
        if round_ % 2 == 0:
            pt = torch_block()
            cr = chainrule_block()
        else:
            cr = chainrule_block()
            pt = torch_block()
        ratios.append(cr / pt)
        ours.append(cr)
        theirs.append(pt)
        print(f"iris round {round_ + 1}: chainrule {cr:.1f} us, PyTorch {pt:.1f} us, ratio"
              f" {cr / pt:.3f}", flush=True)
    java.stdin.write("\n")
    java.stdin.close()
    java.wait()
    print(f"iris: median ratio {statistics.median(ratios):.3f} (range {min(ratios):.3f}"
          f"-{max(ratios):.3f})", flush=True)
    print(json.dumps({"rounds": rounds, "torch_cpu_capability": bench.cpu_capability(),
                      "paired_iris_ratio": round(statistics.median(ratios), 4),
                      "chainrule_iris_us_per_step": round(statistics.median(ours), 2),
                      "torch_iris_us_per_step": round(statistics.median(theirs), 2)}))


if __name__ == "__main__":
    main()
