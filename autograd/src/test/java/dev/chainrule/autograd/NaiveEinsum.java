package dev.chainrule.autograd;

import dev.chainrule.core.Tensor;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * einsum by its definition, for comparison: every assignment of values to every label visited,
 * the operands' elements there multiplied and added into the output element the output's labels
 * pick. It shares nothing with {@link Einsum} but the rules it writes down again (torch 1.13's):
 * '...' becomes labels '0', '1', ... aligned to the right, an implicit output is those then the
 * labels used once in ASCII order, and an axis of size 1 broadcasts (index 0 whatever its label's
 * value). Alongside each element it keeps the sum of the absolute values of its terms, which
 * bounds the rounding of any order of summing them.
 *
 * @param values the output's elements, row-major
 * @param magnitudes per element, Σ |term|
 * @param dims the output's dimensions
 * @param terms how many terms each element sums
 */
record NaiveEinsum(double[] values, double[] magnitudes, int[] dims, long terms) {

  static NaiveEinsum of(String equation, List<Tensor> operands) {
    String eq = equation.replace(" ", "");
    int arrow = eq.indexOf("->");
    String[] inputs = (arrow < 0 ? eq : eq.substring(0, arrow)).split(",", -1);
    int ellipsisRank = 0;
    for (int i = 0; i < inputs.length; i++) {
      int labels = inputs[i].replace("...", "").length();
      ellipsisRank = Math.max(ellipsisRank, operands.get(i).rank() - labels);
    }
    String all = "";
    for (int i = 0; i < inputs.length; i++) {
      int covered = operands.get(i).rank() - inputs[i].replace("...", "").length();
      inputs[i] = inputs[i].replace("...", digits(ellipsisRank - covered, ellipsisRank));
      all += inputs[i];
    }
    String output;
    if (arrow >= 0) {
      output = eq.substring(arrow + 2).replace("...", digits(0, ellipsisRank));
    } else {
      Map<Character, Integer> counts = new TreeMap<>();
      for (char c : all.toCharArray()) {
        counts.merge(c, 1, Integer::sum);
      }
      StringBuilder once = new StringBuilder(eq.contains("...") ? digits(0, ellipsisRank) : "");
      counts.forEach((c, n) -> {
        if (n == 1 && Character.isLetter(c)) {
          once.append(c);
        }
      });
      output = once.toString();
    }
    // Each label's size: the largest of its axes (the others are it or 1).
    Map<Character, Integer> sizes = new TreeMap<>();
    for (int i = 0; i < inputs.length; i++) {
      for (int a = 0; a < inputs[i].length(); a++) {
        sizes.merge(inputs[i].charAt(a), operands.get(i).dim(a), Math::max);
      }
    }
    char[] labels = new char[sizes.size()];
    int at = 0;
    for (char c : sizes.keySet()) {
      labels[at++] = c;
    }
    int[] dims = output.chars().map(c -> sizes.get((char) c)).toArray();
    int outSize = 1;
    for (int d : dims) {
      outSize *= d;
    }
    double[] values = new double[outSize];
    double[] magnitudes = new double[outSize];
    int[] assignment = new int[labels.length];
    long assignments = 0;
    do {
      assignments++;
      double product = 1;
      for (int i = 0; i < inputs.length; i++) {
        product *= operands.get(i).get(index(inputs[i], labels, assignment, operands.get(i)));
      }
      int flat = 0;
      for (int a = 0; a < output.length(); a++) {
        flat = flat * dims[a] + assignment[position(labels, output.charAt(a))];
      }
      values[flat] += product;
      magnitudes[flat] += Math.abs(product);
    } while (next(assignment, labels, sizes));
    return new NaiveEinsum(values, magnitudes, dims, outSize == 0 ? 0 : assignments / outSize);
  }

  /** The labels '0' + from to '0' + to − 1: the ellipsis dimensions a term covers. */
  private static String digits(int from, int to) {
    StringBuilder s = new StringBuilder();
    for (int p = from; p < to; p++) {
      s.append((char) ('0' + p));
    }
    return s.toString();
  }

  /** The operand's element at the assignment; an axis of size 1 broadcasts. */
  private static int[] index(String term, char[] labels, int[] assignment, Tensor operand) {
    int[] index = new int[term.length()];
    for (int a = 0; a < index.length; a++) {
      index[a] = operand.dim(a) == 1 ? 0 : assignment[position(labels, term.charAt(a))];
    }
    return index;
  }

  private static int position(char[] labels, char label) {
    for (int p = 0; p < labels.length; p++) {
      if (labels[p] == label) {
        return p;
      }
    }
    throw new AssertionError("no label " + label);
  }

  /** The next assignment, the last label fastest; false after the last one. */
  private static boolean next(int[] assignment, char[] labels, Map<Character, Integer> sizes) {
    for (int p = assignment.length - 1; p >= 0; p--) {
      if (++assignment[p] < sizes.get(labels[p])) {
        return true;
      }
      assignment[p] = 0;
    }
    return false;
  }
}
