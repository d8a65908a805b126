package dev.chainrule.spark;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The launcher run in-process as a user runs it, in the tests' Spark context ({@code --master}
 * is then not used), with what it printed.
 */
final class InProcessLaunch {
  private InProcessLaunch() {}

  /** What a run returned and printed, and the launcher, whose report the tests read. */
  record Outcome(int code, String out, String err, Launch launch) {}

  static Outcome launch(String... args) {
    return launch(() -> { }, args);
  }

  /**
   * The launcher run in-process for a refusal made before Spark starts, without the tests'
   * context: the passing test starts no Spark at all. A run that got past its checks would start
   * a context of its own in {@code local[1]} (refused while the suite's is running, slow alone),
   * so a check that moved after Spark's start fails the test either way.
   */
  static Outcome beforeSpark(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Launch launch = new Launch();
    String[] local = java.util.stream.Stream.concat(java.util.stream.Stream.of("--master",
        "local[1]"), java.util.Arrays.stream(args)).toArray(String[]::new);
    int code = Main.run(launch, local, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Outcome(code, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8), launch);
  }

  /** The same, with {@code afterChecks} run as training starts, every check passed. */
  static Outcome launch(Runnable afterChecks, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Launch launch = new Launch();
    launch.context = LocalSpark.context();
    launch.afterChecks = afterChecks;
    int code = Main.run(launch, args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Outcome(code, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8), launch);
  }
}
