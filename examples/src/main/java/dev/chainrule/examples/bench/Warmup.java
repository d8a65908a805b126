package dev.chainrule.examples.bench;

import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * Untimed runs of a benchmark's block until the process is in its steady state: the compiler has
 * finished compiling the code, and the heap's pages have all been touched once.
 *
 * <p>Why the pages: a new JVM's young generation is memory the operating system has not mapped
 * yet, and every 4 KiB page the allocator first writes into costs a page fault. On the 2-core
 * virtual machine of docs/performance-history.md (thirty-first session) a fault took about 11 µs,
 * and an Iris step, which allocates some 10 KiB of small objects, took 42–58 µs while it faulted
 * (2.5 faults a step) against 13–14 µs once it did not: for its first 25,000 steps or so, until
 * the collector had settled the young generation's size and reused its pages. Why the compiler:
 * with the pages touched beforehand ({@code -XX:+AlwaysPreTouch}) the step still went from 27 to
 * 14 µs over its first 60,000 steps while the compiler spent 30–130 ms on each 5,000 of them. A
 * warm-up of fixed length ended anywhere in that, which is why {@code bench}'s Iris figure read
 * 14 µs in one process and 47–74 in another. So the warm-up runs at least its seconds, then on
 * until a stretch of blocks passes with (almost) no page faults, as counted by Linux in {@code
 * /proc/self/stat}, and (almost) no compiling, as the JVM's compilation bean times it; a count
 * that cannot be read is left out.
 */
final class Warmup {
  /**
   * Faults per run of the block, on average over a stretch (and one more), at most which it
   * counts as quiet: a compiler thread's few.
   */
  static final double QUIET_FAULTS_PER_BLOCK = 1.0;
  /** The share of a quiet stretch the compiler may spend compiling (a stray method's). */
  static final double QUIET_COMPILING = 0.01;

  private static final Path STAT = Path.of("/proc/self/stat");

  private Warmup() {}

  /**
   * Runs {@code block} for at least {@code seconds}, then until a stretch of half that (at most a
   * second: a few of the collector's cycles at a small step's pace) is quiet, or ten times {@code
   * seconds} (at most 30) have passed.
   *
   * @return the seconds it ran
   */
  static double run(Runnable block, double seconds) {
    return run(block, seconds, Warmup::minorFaults, Warmup::compilingMillis, System::nanoTime);
  }

  /**
   * {@link #run(Runnable, double)} with its counts of faults and of the compiler's milliseconds (a
   * negative count: none) and its clock in nanoseconds given.
   */
  static double run(Runnable block, double seconds, LongSupplier faults,
      LongSupplier compilingMillis, LongSupplier clock) {
    long start = clock.getAsLong();
    long minimumEnd = start + (long) (seconds * 1e9);
    long maximumEnd = start + (long) (Math.max(seconds, Math.min(30, 10 * seconds)) * 1e9);
    long quietNanos = (long) (Math.min(1, seconds / 2) * 1e9);
    long quietFrom = start;
    long quietFaults = faults.getAsLong();
    long quietCompiling = compilingMillis.getAsLong();
    long quietRuns = 0;
    while (true) {
      block.run();
      quietRuns++;
      long now = clock.getAsLong();
      if (now >= maximumEnd) {
        return (now - start) / 1e9;
      }
      long faulted = faults.getAsLong();
      long compiled = compilingMillis.getAsLong();
      boolean faulting = faulted >= 0
          && faulted - quietFaults >= QUIET_FAULTS_PER_BLOCK * quietRuns + 1;
      boolean compiling = compiled >= 0
          && (compiled - quietCompiling) * 1e6 > QUIET_COMPILING * Math.max(quietNanos, 1e6);
      if (faulting || compiling) {
        // The stretch so far was not quiet: a new one starts here.
        quietFrom = now;
        quietFaults = faulted;
        quietCompiling = compiled;
        quietRuns = 0;
      } else if (now >= minimumEnd && now - quietFrom >= quietNanos) {
        return (now - start) / 1e9;
      }
    }
  }

  /** The JIT compilers' total milliseconds so far, or −1 where the JVM does not time them. */
  static long compilingMillis() {
    CompilationMXBean bean = ManagementFactory.getCompilationMXBean();
    return bean != null && bean.isCompilationTimeMonitoringSupported()
        ? bean.getTotalCompilationTime() : -1;
  }

  /** The process's minor page faults so far, or −1 where Linux's count cannot be read. */
  static long minorFaults() {
    OptionalLong count = readMinorFaults(STAT);
    return count.isPresent() ? count.getAsLong() : -1;
  }

  /**
   * Field 10 of a {@code /proc/PID/stat} line, minflt. The fields are counted after the command's
   * closing parenthesis, since the command itself may hold spaces and parentheses.
   */
  static OptionalLong readMinorFaults(Path stat) {
    try {
      String line = Files.readString(stat);
      String[] fields = line.substring(line.lastIndexOf(')') + 2).trim().split(" ");
      return OptionalLong.of(Long.parseLong(fields[7]));
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
  }
}
