package dev.chainrule.spark;

import com.google.common.base.Throwables;
import dev.chainrule.autograd.AnomalyException;
import java.util.Optional;
import org.apache.spark.SparkException;

/**
 * What a failed job throws: the exception of the task that failed, as a single machine's
 * {@code Trainer} would throw it (an executor's anomaly, a label the loss refuses, the user's
 * code in a shard's map), rather than Spark's job failure, whose message is Spark's task and
 * stage numbers followed by the executor's stack trace, with the reason buried in it. Spark
 * keeps the task's exception as the cause when the driver can deserialize it. Spark's own
 * failure goes with it, suppressed: its job, stage and executor, and the case where the cause
 * is not the task's (a task that could not be serialized).
 */
final class TaskFailure {
  private TaskFailure() {}

  /**
   * Throws the failed task's own exception when {@code e} carries one; returns for any other
   * failure, which the caller throws as it was (so that it keeps its checked type: Spark throws
   * its checked SparkException undeclared).
   */
  static void rethrowTask(Exception e) {
    Optional<RuntimeException> task = Throwables.getCausalChain(e).stream()
        .filter(AnomalyException.class::isInstance).map(RuntimeException.class::cast)
        .findFirst()
        .or(() -> e instanceof SparkException && e.getCause() instanceof RuntimeException cause
            ? Optional.of(cause) : Optional.empty());
    task.filter(t -> t != e).ifPresent(t -> t.addSuppressed(e));
    task.ifPresent(t -> {
      throw t;
    });
  }
}
