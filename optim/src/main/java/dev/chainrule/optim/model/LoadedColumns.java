package dev.chainrule.optim.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Refuses to score or train a loaded model on data whose columns are not the ones it was trained
 * on: other features (or its own in another order), another label, or other classes. Each input
 * would be fed another column, and each output read as another class, and the run would report
 * an accuracy that means nothing. The program's own files always match their command's data;
 * a model described in code and given a command's name (a newcomer's Iris model with features
 * {@code sl, sw, pl, pw} and classes {@code 0, 1, 2}, loaded by {@code iris}) did not, and was
 * scored without a word when its description recorded no split, whose rows the command checks.
 */
public final class LoadedColumns {
  private static final int SHOWN = 10;

  private LoadedColumns() {}

  /**
   * Refuses {@code loaded} unless {@code columns} and {@code classNames} are its own. {@link
   * Problems} checks this itself; a program that builds its {@link Problem} otherwise (fixed test
   * files, data of its own) calls it.
   *
   * @param loaded the loaded model's description
   * @param columns the data's features and label
   * @param classNames the data's classes by index, or null for regression
   * @param source names the data in the message
   * @throws IllegalArgumentException naming what differs, with both lists
   */
  public static void require(ModelDescription loaded, Problem.Columns columns,
      List<String> classNames, String source) {
    List<String> differences = new ArrayList<>();
    if (!loaded.features().equals(columns.features())) {
      differences.add(String.format(Locale.ROOT, "its features are %s, this data's %s",
          shown(loaded.features()), shown(columns.features())));
    }
    if (!loaded.label().equals(columns.label())) {
      differences.add(String.format(Locale.ROOT, "its label is %s, this data's %s",
          loaded.label(), columns.label()));
    }
    if (classNames != null && !loaded.classes().equals(classNames)) {
      differences.add(String.format(Locale.ROOT, "its classes are %s, this data's %s",
          shown(loaded.classes()), shown(classNames)));
    }
    if (!differences.isEmpty()) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: the loaded model (%s)"
          + " was trained on other columns than this data's: %s; a score here would mean"
          + " nothing: score data that has the model's columns with predict, which reads them by"
          + " name, or train a new model", source, loaded.name(), String.join("; ", differences)));
    }
  }

  /** Up to ten names in order, then the count: enough to see where two lists part. */
  private static String shown(List<String> names) {
    String first = String.join(", ", names.subList(0, Math.min(SHOWN, names.size())));
    return "(" + first + (names.size() > SHOWN ? ", … " + names.size() + " in all)" : ")");
  }
}
