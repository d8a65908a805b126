package dev.chainrule.examples.run;

import dev.chainrule.optim.data.Dataset;
import java.util.List;

/**
 * A supervised learning problem ready to train on: standardised training and test data, the number
 * of outputs, and for classification the class names.
 *
 * @param task the command's name, reported in JSON
 * @param outputs classes for classification, target columns for regression
 * @param classNames names of the classes (empty for regression)
 * @param regression whether targets are real values rather than classes
 */
public record Problem(String task, Dataset train, Dataset test, int outputs,
    List<String> classNames, boolean regression) {
  public Problem {
    classNames = List.copyOf(classNames);
  }

  public int inputs() {
    return train.featureCount();
  }
}
