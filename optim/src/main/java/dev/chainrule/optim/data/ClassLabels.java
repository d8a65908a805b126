package dev.chainrule.optim.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Class labels as read (text) mapped to class indices, in an order that depends only on the set
 * of labels, never on the order of the rows. Three cases, tried in turn:
 *
 * <ol>
 *   <li>every label is a whole number from 0 to {@value #MAX_NUMERIC_CLASS}: the number is the
 *       class index, and the class names are {@code "0", "1", ...} up to the largest (a number
 *       that never occurs still has its place, so labels 1, 2, 3 give four classes, class 0
 *       empty); {@code 1} and {@code 1.0} are the same class;
 *   <li>every label is a number, but not all are such indices: the distinct values in ascending
 *       numeric order, each named by its text where it first occurs;
 *   <li>otherwise: the distinct texts in ascending {@link String#compareTo} order (so
 *       case-sensitive: {@code "Setosa"} before {@code "setosa"}).
 * </ol>
 *
 * <p>The cap in the first case is there because a label column with values in the millions holds
 * identifiers, not class indices, and one-hot rows that wide would be useless; such labels are
 * mapped as in the second case.
 *
 * @param indices the class index of each label, in row order
 * @param names the name of each class, by index
 */
record ClassLabels(double[] indices, List<String> names) {
  static final int MAX_NUMERIC_CLASS = 65_535;

  static ClassLabels infer(List<String> texts) {
    if (!texts.stream().allMatch(CsvFields::isNumber)) {
      return byName(texts);
    }
    double[] values = new double[texts.size()];
    boolean indices = true;
    for (int i = 0; i < values.length; i++) {
      values[i] = CsvFields.parseNumber(texts.get(i)) + 0.0;  // + 0.0 turns −0 into 0
      indices &= values[i] >= 0 && values[i] <= MAX_NUMERIC_CLASS
          && values[i] == Math.rint(values[i]);
    }
    return indices ? asIndices(values) : byValue(texts, values);
  }

  private static ClassLabels asIndices(double[] values) {
    int largest = -1;
    for (double v : values) {
      largest = Math.max(largest, (int) v);
    }
    List<String> names = new ArrayList<>();
    for (int c = 0; c <= largest; c++) {
      names.add(Integer.toString(c));
    }
    return new ClassLabels(values, names);
  }

  private static ClassLabels byValue(List<String> texts, double[] values) {
    TreeMap<Double, String> firstText = new TreeMap<>();
    for (int i = 0; i < values.length; i++) {
      firstText.putIfAbsent(values[i], texts.get(i));
    }
    Map<Double, Integer> index = new HashMap<>();
    firstText.keySet().forEach(v -> index.put(v, index.size()));
    double[] indices = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      indices[i] = index.get(values[i]);
    }
    return new ClassLabels(indices, List.copyOf(firstText.values()));
  }

  private static ClassLabels byName(List<String> texts) {
    TreeMap<String, Integer> index = new TreeMap<>();
    texts.forEach(t -> index.put(t, 0));
    int next = 0;
    for (Map.Entry<String, Integer> entry : index.entrySet()) {
      entry.setValue(next++);
    }
    double[] indices = new double[texts.size()];
    for (int i = 0; i < indices.length; i++) {
      indices[i] = index.get(texts.get(i));
    }
    return new ClassLabels(indices, List.copyOf(index.keySet()));
  }
}
