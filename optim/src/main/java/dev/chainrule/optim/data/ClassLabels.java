package dev.chainrule.optim.data;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Class labels as read (text) mapped to class indices 0 to K − 1, where K is the number of
 * distinct labels: labels are categories, so every index stands for a class that occurs. The
 * order depends only on the set of labels, never on the order of the rows:
 *
 * <ol>
 *   <li>when every label is a number: ascending numeric order, so {@code 2} comes before {@code
 *       10} and labels 1, 2, 3 become classes 0, 1, 2 named "1", "2", "3"; texts of equal value
 *       ({@code 1} and {@code 1.0}, {@code 0} and {@code -0}) are one class, named by the
 *       shortest text, the first in sort order among equally short ones ({@code 1}, {@code 0});
 *   <li>otherwise: the distinct texts in ascending {@link String#compareTo} order (so
 *       case-sensitive: {@code "Setosa"} before {@code "setosa"}).
 * </ol>
 *
 * @param indices the class index of each label, in row order
 * @param names the name of each class, by index
 */
record ClassLabels(double[] indices, List<String> names) {
  /**
   * The most characters a numeric class label may have: exact decimals parse in time quadratic
   * in their length (a label of a million digits took 14 s, of four million almost four
   * minutes), and no class is named by a number of a thousand digits.
   */
  static final int LONGEST_NUMBER = 1000;

  static ClassLabels infer(List<String> texts) {
    return texts.stream().allMatch(CsvFields::isDecimal) ? byValue(texts) : byName(texts);
  }

  /**
   * The value a numeric label stands for, the key of its class: "1", "1.0" and "1e0" are one
   * class, and so are "-0" and "0". Exact decimals, not doubles: 9007199254740992 and
   * 9007199254740993 are one double but two labels (ids, codes), and rounding must not merge
   * them. Only finite decimals come here (NaN and infinities are refused as labels).
   */
  static BigDecimal value(String text) {
    BigDecimal exact = new BigDecimal(text.startsWith("+") ? text.substring(1) : text);
    return exact.signum() == 0 ? BigDecimal.ZERO : exact.stripTrailingZeros();
  }

  /**
   * The classes' indices by value, for reading labels against classes fixed by name: a label
   * "1.0" finds the class "1" that a file's labels were inferred into. Null unless every name
   * is a number of a value of its own (then the names are matched only as written).
   */
  static Map<BigDecimal, Integer> indicesByValue(List<String> names) {
    Map<BigDecimal, Integer> indices = new HashMap<>();
    for (String name : names) {
      if (!CsvFields.isDecimal(name) || name.length() > LONGEST_NUMBER
          || indices.putIfAbsent(value(name), indices.size()) != null) {
        return null;
      }
    }
    return indices;
  }

  /**
   * The plainer of two texts of one value: the shorter ("1" for "1.0", "0" for "-0", whose sign
   * sorted it first and named the class -0), else the first in sort order.
   */
  private static String plainer(String a, String b) {
    int shorter = Integer.compare(a.length(), b.length());
    return shorter < 0 || (shorter == 0 && a.compareTo(b) <= 0) ? a : b;
  }

  private static ClassLabels byValue(List<String> texts) {
    BigDecimal[] values = new BigDecimal[texts.size()];
    TreeMap<BigDecimal, String> nameOf = new TreeMap<>();
    for (int i = 0; i < values.length; i++) {
      values[i] = value(texts.get(i));
      nameOf.merge(values[i], texts.get(i), ClassLabels::plainer);
    }
    Map<BigDecimal, Integer> index = new HashMap<>();
    nameOf.keySet().forEach(v -> index.put(v, index.size()));
    double[] indices = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      indices[i] = index.get(values[i]);
    }
    return new ClassLabels(indices, List.copyOf(nameOf.values()));
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
