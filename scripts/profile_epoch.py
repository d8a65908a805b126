"""Where the MLP epoch's time goes, native code included: `perf record` samples the epoch server
(`bench --serve-epochs`) on CPU time, every thread, with the JIT's symbols, and this prints each
thread's share and the main thread's hottest functions, with the Java frame under each of the
JVM's copy and fill stubs (`StubRoutines`).

    python3 scripts/profile_epoch.py JAR [float32|float64|iris] [--epochs N] [--data DIR]

Why not JFR alone: its execution samples count Java frames only. An `arraycopy` stub, OpenBLAS's
kernels and the threads that wait for them are invisible to it, so a Java cost it ranks high can
be a small share of the wall time, and a copy can hide: in the forty-fifth session JFR gave the
batch's gather 4 % of the float32 epoch's Java samples where this gave it 11 % of the main
thread's time. Needs Linux `perf` (Debian's linux-perf) with the cpu-clock software event, which
works on virtual machines that count no hardware cycles. The JVM runs with
`-XX:+PreserveFramePointer` (for the callers; a few percent slower) and writes its symbol map at
exit (`-XX:+DumpPerfMapAtExit`, JDK 17).
"""
import argparse
import collections
import re
import signal
import subprocess
import tempfile
import time
from pathlib import Path

JVM_OPTIONS = ["-XX:+UnlockDiagnosticVMOptions", "-XX:+DumpPerfMapAtExit",
               "-XX:+PreserveFramePointer"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("jar")
    parser.add_argument("request", nargs="?", default="float32",
                        help="what the server is asked: float32, float64 (an epoch) or iris")
    parser.add_argument("--epochs", type=int, default=20, help="requests sampled (default 20)")
    parser.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    if args.epochs < 1:
        parser.error("--epochs must be at least 1")
    with tempfile.TemporaryDirectory() as folder:
        record = Path(folder) / "perf.data"
        server = subprocess.Popen(["java", *JVM_OPTIONS, "-jar", args.jar, "bench",
                                   "--serve-epochs", "--data", args.data],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        perf = None
        try:
            if server.stdout.readline().strip() != "ready":
                raise SystemExit(f"{args.jar}: the epoch server did not start")
            ask(server, args.request)  # compiled and warm before sampling
            perf = subprocess.Popen(["perf", "record", "-q", "-e", "cpu-clock", "-F", "2000",
                                     "-g", "-p", str(server.pid), "-o", str(record)],
                                    stderr=subprocess.DEVNULL)
            time.sleep(0.5)  # perf attaches to every thread before the first request
            answers = [ask(server, args.request) for _ in range(args.epochs)]
            perf.send_signal(signal.SIGINT)
            perf.wait()
            server.stdin.write("\n")
            server.stdin.close()
            server.wait()  # the JVM writes /tmp/perf-PID.map as it exits
            script = subprocess.run(["perf", "script", "-i", str(record), "-F", "tid,ip,sym"],
                                    capture_output=True, text=True, check=True).stdout
        finally:
            # Whatever failed, neither the server nor perf outlives the script, nor the map.
            for process in (perf, server):
                if process is not None and process.poll() is None:
                    process.kill()
                    process.wait()
            Path(f"/tmp/perf-{server.pid}.map").unlink(missing_ok=True)
    print(f"{args.request}: {len(answers)} requests sampled; last answer {answers[-1]}")
    report(samples(script), args.top)


def ask(server, request):
    server.stdin.write(request + "\n")
    server.stdin.flush()
    return server.stdout.readline().strip()


def samples(script):
    """Each sample as (thread id, [frames, innermost first]), a frame being its symbol."""
    result = []
    for block in script.split("\n\n"):
        lines = [line.strip() for line in block.strip().splitlines() if line.strip()]
        if not lines:
            continue
        thread, _, first = lines[0].partition(" ")
        frames = [first.strip()] if first.strip() else []
        frames += [line.split(" ", 1)[1] if " " in line else line for line in lines[1:]]
        result.append((thread, [frame.strip() for frame in frames if frame.strip()]))
    return result


def report(all_samples, top):
    threads = collections.Counter(thread for thread, _ in all_samples)
    total = sum(threads.values())
    print("threads, share of all samples:")
    for thread, count in threads.most_common(4):
        print(f"  {thread:>8} {100 * count / total:5.1f} %")
    # The epoch's own thread is the one that spends the most time in Java code: the other busy
    # one is OpenBLAS's worker.
    java = collections.Counter(thread for thread, frames in all_samples
                               if frames and "dev.chainrule" in frames[0])
    main_thread = java.most_common(1)[0][0]
    own = [frames for thread, frames in all_samples if thread == main_thread and frames]
    print(f"main thread {main_thread}: hottest functions (self), share of its samples")
    for name, count in collections.Counter(short(frames[0]) for frames in own).most_common(top):
        print(f"  {100 * count / len(own):5.1f} %  {name}")
    stubs = collections.Counter(
        next((short(f) for f in frames[1:] if "dev.chainrule" in f), "(no chainrule frame)")
        for frames in own if frames[0].startswith("StubRoutines"))
    if stubs:
        print("  the JVM's copy and fill stubs, by the chainrule frame that called them:")
        for name, count in stubs.most_common(8):
            print(f"  {100 * count / len(own):5.1f} %  {name}")


def short(frame):
    """A JIT frame's method without its return type and parameter list; others as they are."""
    method = re.match(r"^\S+ ([\w.$]+)\(", frame)
    return method.group(1) if method else frame


if __name__ == "__main__":
    main()
