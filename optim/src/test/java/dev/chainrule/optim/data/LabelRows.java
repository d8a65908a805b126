package dev.chainrule.optim.data;

/** CSV text for the label checks' tests: a feature x counting rows, and the labels given. */
final class LabelRows {
  private LabelRows() {}

  /** Rows "x,y" with the given labels, the first on line 2. */
  static String rows(String... labels) {
    StringBuilder text = new StringBuilder("x,y\n");
    for (int i = 0; i < labels.length; i++) {
      text.append(i).append(',').append(labels[i]).append('\n');
    }
    return text.toString();
  }
}
