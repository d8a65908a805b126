package dev.chainrule.autograd;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autograd.EinsumEquation.Term;
import dev.chainrule.core.Shape;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * An einsum equation bound to its operands: every axis of every operand named by a dimension id,
 * the sizes checked. A letter's id is its place in ASCII order (A–Z are 0–25, a–z 26–51), so
 * ordering ids orders labels as the implicit output does; the dimensions under {@code ...} are 52
 * on, aligned to the right as NumPy broadcasting aligns shapes. As in PyTorch 1.13, a label or an
 * ellipsis dimension of size 1 in one operand broadcasts against another size in another, but a
 * label repeated within one operand (a diagonal) needs equal sizes there.
 *
 * @param ids per operand, the id of each axis
 * @param output the ids of the output's axes, in order
 */
record EinsumOperands(int[][] ids, int[] output) {
  /** The first id of the dimensions under an ellipsis; below it are the 52 letters. */
  static final int ELLIPSIS = 52;

  /** The equation's ids for these operands, or the refusal naming what disagrees. */
  static EinsumOperands bind(EinsumEquation equation, Variable[] operands) {
    String eq = equation.text();
    checkArgument(operands.length == equation.inputs().size(), "einsum '%s': the equation has %s"
        + " input terms but %s operands were given", eq, equation.inputs().size(),
        operands.length);
    for (int i = 0; i < operands.length; i++) {
      if (operands[i] == null) {
        throw new NullPointerException("einsum '" + eq + "': operand " + i + " is null");
      }
    }
    int ellipsisRank = 0;
    for (int i = 0; i < operands.length; i++) {
      ellipsisRank = Math.max(ellipsisRank, coveredRank(eq, equation.inputs().get(i), i,
          operands[i].shape()));
    }
    int[][] ids = new int[operands.length][];
    for (int i = 0; i < operands.length; i++) {
      Term term = equation.inputs().get(i);
      ids[i] = ids(term, coveredRank(eq, term, i, operands[i].shape()), ellipsisRank);
    }
    checkEllipsis(eq, operands, ids);
    checkLabels(eq, operands, ids);
    // An output '...' covers every ellipsis dimension; without one, they are summed.
    Term output = equation.output();
    return new EinsumOperands(ids, ids(output, output.hasEllipsis() ? ellipsisRank : 0,
        ellipsisRank));
  }

  /** How many axes the term's {@code ...} covers: the rank minus its labels. */
  private static int coveredRank(String eq, Term term, int operand, Shape shape) {
    int labels = term.labels().length();
    if (term.hasEllipsis()) {
      checkArgument(labels <= shape.rank(), "einsum '%s': operand %s has shape %s (rank %s) but"
          + " its term '%s' has %s labels besides '...'", eq, operand, shape, shape.rank(), term,
          labels);
      return shape.rank() - labels;
    }
    checkArgument(labels == shape.rank(), "einsum '%s': operand %s has shape %s (rank %s) but its"
        + " term '%s' has %s labels and no '...'", eq, operand, shape, shape.rank(), term, labels);
    return 0;
  }

  /** The term's axes as ids, its ellipsis covering the last {@code covered} of them. */
  private static int[] ids(Term term, int covered, int ellipsisRank) {
    String labels = term.labels();
    int[] ids = new int[labels.length() + covered];
    int at = 0;
    for (int i = 0; i <= labels.length(); i++) {
      if (i == term.ellipsis()) {
        for (int p = ellipsisRank - covered; p < ellipsisRank; p++) {
          ids[at++] = ELLIPSIS + p;
        }
      }
      if (i < labels.length()) {
        ids[at++] = labelId(labels.charAt(i));
      }
    }
    return ids;
  }

  /** A letter's id, in ASCII order. */
  static int labelId(char label) {
    return label <= 'Z' ? label - 'A' : 26 + label - 'a';
  }

  /** What an id is called in a message: its letter, or its place under the ellipsis. */
  static String describe(int id) {
    return id >= ELLIPSIS ? "'...' dimension " + (id - ELLIPSIS)
        : "label '" + (char) (id < 26 ? 'A' + id : 'a' + id - 26) + "'";
  }

  /** The dimensions under the ellipses broadcast together, each 1 or one common size. */
  private static void checkEllipsis(String eq, Variable[] operands, int[][] ids) {
    Map<Integer, Integer> sizes = new HashMap<>();
    Map<Integer, Integer> from = new HashMap<>();
    for (int i = 0; i < operands.length; i++) {
      for (int axis = 0; axis < ids[i].length; axis++) {
        int id = ids[i][axis];
        int size = operands[i].shape().dim(axis);
        if (id < ELLIPSIS) {
          continue;
        }
        Integer seen = sizes.get(id);
        if (seen != null && seen != size && seen != 1 && size != 1) {
          int other = from.get(id);
          throw new IllegalArgumentException("einsum '" + eq + "': the dimensions '...' covers"
              + " do not broadcast: operand " + i + " " + operands[i].shape() + " has "
              + covered(operands[i].shape(), ids[i]) + " and operand " + other + " "
              + operands[other].shape() + " has " + covered(operands[other].shape(), ids[other]));
        }
        if (seen == null || seen == 1) {
          sizes.put(id, size);
          from.put(id, i);
        }
      }
    }
  }

  /** The dimensions of a shape that its ellipsis covers, for a message. */
  private static String covered(Shape shape, int[] ids) {
    int[] dims = new int[0];
    for (int axis = 0; axis < ids.length; axis++) {
      if (ids[axis] >= ELLIPSIS) {
        dims = Arrays.copyOf(dims, dims.length + 1);
        dims[dims.length - 1] = shape.dim(axis);
      }
    }
    return Arrays.toString(dims);
  }

  /**
   * Each label has one size: equal within an operand (a diagonal), and 1 or the same size
   * across operands.
   */
  private static void checkLabels(String eq, Variable[] operands, int[][] ids) {
    Map<Integer, Integer> sizes = new HashMap<>();
    Map<Integer, Integer> from = new HashMap<>();
    for (int i = 0; i < operands.length; i++) {
      Shape shape = operands[i].shape();
      Map<Integer, Integer> own = new HashMap<>();
      for (int axis = 0; axis < ids[i].length; axis++) {
        int id = ids[i][axis];
        int size = shape.dim(axis);
        if (id >= ELLIPSIS) {
          continue;
        }
        Integer before = own.putIfAbsent(id, size);
        checkArgument(before == null || before == size, "einsum '%s': %s is repeated in operand"
            + " %s, shape %s, with sizes %s and %s: a diagonal needs equal sizes", eq,
            describe(id), i, shape, before, size);
        Integer seen = sizes.get(id);
        if (seen != null && seen != size && seen != 1 && size != 1) {
          int other = from.get(id);
          throw new IllegalArgumentException("einsum '" + eq + "': " + describe(id) + " has size "
              + size + " in operand " + i + ", shape " + shape + ", but size " + seen
              + " in operand " + other + ", shape " + operands[other].shape());
        }
        if (seen == null || seen == 1) {
          sizes.put(id, size);
          from.put(id, i);
        }
      }
    }
  }
}
