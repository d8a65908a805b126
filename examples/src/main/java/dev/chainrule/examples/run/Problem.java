package dev.chainrule.examples.run;

import dev.chainrule.optim.data.Dataset;
import java.util.List;

/**
 * A supervised learning problem ready to train on: standardised training and test data, the number
 * of outputs, and for classification the class names.
 *
 * @param task the command's name, reported in JSON
 * @param train the standardised training data
 * @param test the test data, standardised with the training data's statistics
 * @param outputs classes for classification, target columns for regression
 * @param classNames names of the classes (empty for regression)
 * @param regression whether targets are real values rather than classes
 */
public record Problem(String task, Dataset train, Dataset test, int outputs,
    List<String> classNames, boolean regression) {
  /**
   * Copies the class names.
   *
   * @param task the command's name, reported in JSON
   * @param train the standardised training data
   * @param test the test data, standardised with the training data's statistics
   * @param outputs classes for classification, target columns for regression
   * @param classNames names of the classes (empty for regression)
   * @param regression whether targets are real values rather than classes
   */
  public Problem {
    classNames = List.copyOf(classNames);
  }

  /**
   * Features per sample.
   *
   * @return the training data's feature count
   */
  public int inputs() {
    return train.featureCount();
  }
}
