package dev.chainrule.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The launcher's Spark context: a new one that closing stops, or one it was given (by a test
 * that runs the launcher in its own context) and leaves running. The master of a new one is
 * {@code --master}, else what spark-submit set, else {@code local[*]}.
 */
final class DriverContext implements AutoCloseable {
  private final JavaSparkContext context;
  private final boolean owned;

  private DriverContext(JavaSparkContext context, boolean owned) {
    this.context = context;
    this.owned = owned;
  }

  static DriverContext start(String master, JavaSparkContext given) {
    if (given != null) {
      return new DriverContext(given, false);
    }
    SparkConf conf = SparkTrainer.tuned(new SparkConf().setAppName("chainrule-spark"));
    if (master != null) {
      conf.setMaster(master);
    } else if (!conf.contains("spark.master")) {
      conf.setMaster("local[*]");
    }
    try {
      return new DriverContext(new JavaSparkContext(conf), true);
    } catch (Exception e) {  // Spark throws its checked SparkException undeclared
      // An unreachable master ends in Spark's own NullPointerException, which says nothing.
      String reason = e instanceof NullPointerException || e.getMessage() == null
          ? "the master did not answer" : e.getMessage();
      throw new LaunchFailure("--master " + conf.get("spark.master") + ": Spark could not start ("
          + reason + ")", e);
    }
  }

  JavaSparkContext context() {
    return context;
  }

  /**
   * The failure of a run whose context stopped under it, in the launcher's words, or {@code e}
   * itself. An unreachable master does not always fail the context's start: the context comes
   * up, stops when the master does not answer, and the first job fails with an internal message
   * (a null endpoint, "SparkContext has been shutdown") that says nothing of the master.
   */
  RuntimeException explain(Exception e) {
    if (!owned || !context.sc().isStopped()) {
      return e instanceof RuntimeException runtime ? runtime
          : new LaunchFailure("Spark: " + e.getMessage(), e);
    }
    // In local mode no master can fail to answer: the process was stopped (a signal).
    String master = context.master();
    // local-cluster[...] has workers of its own, which can die.
    boolean inProcess = master.equals("local") || master.startsWith("local[");
    String why = inProcess ? "the run was interrupted"
        : "the master did not answer, or it ended the application";
    return new LaunchFailure("--master " + context.master() + ": Spark stopped before the run"
        + " ended (" + why + ")", e);
  }

  @Override
  public void close() {
    if (owned) {
      context.stop();
    }
  }
}
