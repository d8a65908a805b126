package dev.chainrule.nn;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Autograd;
import java.util.function.Supplier;

/**
 * Running a model in evaluation mode for a moment, without a graph: what {@link Module#summary}
 * needs, and in optim the evaluation of a model and the activation probe of its gradient-flow
 * diagnostics. The mode is the thread's, not the modules': while {@link #run} runs, every module
 * acts in evaluation mode on the calling thread ({@link Module#isTraining()} is false there), and
 * no module's own mode changes. Flipping the modules' modes and putting them back made the mode
 * shared state: two threads predicting with one model (a server's pool) switched it under each
 * other, so predictions ran with dropout or with batch statistics, a batch normalization's running
 * statistics moved, and the model could be left in evaluation mode for good.
 */
public final class EvaluationMode {
  /** How deep this thread is in {@link #run}: evaluation mode while above 0. */
  private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

  private EvaluationMode() {}

  /**
   * Runs {@code body} with every module acting in evaluation mode on this thread and nothing
   * recorded. No module's own mode changes, so other threads keep theirs, and a child left in
   * evaluation mode on purpose (a frozen batch normalization) stays so afterwards.
   *
   * @param <T> what {@code body} returns
   * @param model the model the body runs, which says what the call is for (every module acts in
   *     evaluation mode on this thread meanwhile, this one's and any other's)
   * @param body the work to do meanwhile
   * @return what {@code body} returned
   * @throws NullPointerException naming EvaluationMode.run when the model or the body is null
   */
  public static <T> T run(Module model, Supplier<T> body) {
    checkNotNull(model, "EvaluationMode.run: model is null");
    checkNotNull(body, "EvaluationMode.run: body is null");
    int[] depth = DEPTH.get();
    depth[0]++;
    try (var scope = Autograd.noGrad()) {
      return body.get();
    } finally {
      depth[0]--;
    }
  }

  /** Whether this thread is inside {@link #run}. */
  static boolean isActive() {
    return DEPTH.get()[0] > 0;
  }
}
