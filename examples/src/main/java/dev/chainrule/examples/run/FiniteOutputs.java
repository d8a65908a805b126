package dev.chainrule.examples.run;

import dev.chainrule.core.Tensor;
import dev.chainrule.examples.cli.Failure;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The program's refusal of a model's outputs that are not finite, as a {@link Failure} (exit 1):
 * the check and its words are optim's {@link dev.chainrule.optim.report.FiniteOutputs}, which the
 * Spark launcher uses too.
 */
public final class FiniteOutputs {
  private FiniteOutputs() {}

  /**
   * Refuses {@code outputs} holding a NaN or an infinity, naming the first such row.
   *
   * @param outputs the model's outputs, one row per sample
   * @param featuresOf a row's features as the model took them, by index
   * @param rowName a row's name for people, by index ("line 7", "test row 3")
   * @param featureNames the features' column names, in input order
   * @throws Failure naming the row, its largest feature and how many rows are affected
   */
  public static void require(Tensor outputs, IntFunction<Tensor> featuresOf,
      IntFunction<String> rowName, List<String> featureNames) {
    dev.chainrule.optim.report.FiniteOutputs.problem(outputs, featuresOf, rowName, featureNames)
        .ifPresent(message -> {
          throw new Failure(message);
        });
  }
}
