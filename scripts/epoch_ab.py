"""Two builds of chainrule, the MLP epoch, one machine: each build's epoch server
(`bench --serve-epochs`) answers in alternation, so both see the same drift of these 2-core
virtual machines. Prints, per type, the median of the round-by-round ratio B/A with its range
and each build's median share of the epoch outside the matrix products.

    python3 scripts/epoch_ab.py A.jar B.jar [rounds] [--data DIR]

Each round times one epoch of each build (the trainer's defaults), A first in odd rounds and B
first in even ones; one epoch of each, untimed, goes first per type.
"""
import argparse
import json
import statistics
import subprocess


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("jars", nargs=2, metavar="JAR")
    parser.add_argument("rounds", nargs="?", type=int, default=7)
    parser.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    args = parser.parse_args()
    servers = [subprocess.Popen(["java", "-jar", jar, "bench", "--serve-epochs", "--data",
                                 args.data], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                text=True) for jar in args.jars]
    for jar, server in zip(args.jars, servers):
        if server.stdout.readline().strip() != "ready":
            raise SystemExit(f"{jar}: the epoch server did not start")

    def epoch(server, dtype):
        server.stdin.write(dtype + "\n")
        server.stdin.flush()
        answer = json.loads(server.stdout.readline())
        return answer["seconds"], answer["gemm_seconds"]

    for dtype in ("float32", "float64"):
        for server in servers:
            epoch(server, dtype)
        ratios, outside = [], ([], [])
        for r in range(args.rounds):
            order = (0, 1) if r % 2 == 0 else (1, 0)
            seconds = [0.0, 0.0]
            for which in order:
                total, gemm = epoch(servers[which], dtype)
                seconds[which] = total
                outside[which].append((total - gemm) / total)
            ratios.append(seconds[1] / seconds[0])
        print(f"{dtype}: B/A {statistics.median(ratios):.3f} ({min(ratios):.3f}-{max(ratios):.3f}),"
              f" outside the products A {100 * statistics.median(outside[0]):.1f} %,"
              f" B {100 * statistics.median(outside[1]):.1f} %")
    for server in servers:
        server.stdin.write("\n")
        server.stdin.close()
        server.wait()


if __name__ == "__main__":
    main()
