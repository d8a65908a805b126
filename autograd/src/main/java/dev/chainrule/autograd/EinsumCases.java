package dev.chainrule.autograd;

import static dev.chainrule.autograd.check.Inputs.Domain.ANY;

import dev.chainrule.autograd.check.Inputs;
import dev.chainrule.autograd.check.OpCase;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * Random valid einsum equations with operand shapes, for the op table's row and the tests: one to
 * three operands, diagonals (a label drawn twice for one operand), labels summed from one operand
 * or several, outer products, rank-0 operands, {@code ...} covering up to two dimensions that
 * broadcast, labels of size 1 broadcasting, implicit and explicit outputs, and spaces. Sizes stay
 * at 1 to 3 so that a case holds at most about a hundred elements per operand, which the second
 * order finite differences of the catalogue take one by one.
 */
final class EinsumCases {
  /** The labels drawn from; 'B' sorts before the lowercase ones in an implicit output. */
  private static final String LABELS = "abcdB";

  private EinsumCases() {}

  /**
   * An equation and its operands' shapes.
   *
   * @param equation the equation
   * @param shapes one shape per input term
   */
  record Drawn(String equation, List<Shape> shapes) {
    @Override
    public String toString() {
      return "'" + equation + "' " + shapes;
    }
  }

  /** The row's case: a drawn equation on values in [−2, 2). */
  static OpCase sample(RandomGenerator random) {
    Drawn drawn = draw(random);
    List<Tensor> values = drawn.shapes().stream().map(s -> Inputs.values(random, s, ANY))
        .toList();
    return new OpCase(drawn.toString(), values,
        in -> Variables.einsum(drawn.equation(), in.toArray(new Variable[0])));
  }

  /** A random valid equation and shapes that satisfy it. */
  static Drawn draw(RandomGenerator random) {
    int count = new int[] {1, 2, 2, 3}[random.nextInt(4)];
    Map<Character, Integer> sizes = new HashMap<>();
    for (char c : LABELS.toCharArray()) {
      sizes.put(c, random.nextInt(1, 4));
    }
    int ellipsisRank = random.nextInt(4) == 0 ? random.nextInt(1, 3) : 0;
    int[] ellipsisSizes = random.ints(ellipsisRank, 1, 3).toArray();
    List<String> terms = new ArrayList<>();
    List<Shape> shapes = new ArrayList<>();
    StringBuilder used = new StringBuilder();
    boolean anyEllipsis = false;
    for (int i = 0; i < count; i++) {
      List<String> tokens = new ArrayList<>();
      List<Integer> dims = new ArrayList<>();
      Map<Character, Integer> own = new HashMap<>();
      int labels = random.nextInt(4);
      for (int l = 0; l < labels; l++) {
        char c = LABELS.charAt(random.nextInt(LABELS.length()));
        // Now and then a label of size 1 against its size elsewhere: it broadcasts.
        int size = own.computeIfAbsent(c, k -> random.nextInt(6) == 0 ? 1 : sizes.get(k));
        tokens.add(String.valueOf(c));
        dims.add(size);
        if (used.indexOf(String.valueOf(c)) < 0) {
          used.append(c);
        }
      }
      if (ellipsisRank > 0 && random.nextInt(3) > 0) {
        int covered = random.nextInt(ellipsisRank + 1);
        int at = random.nextInt(tokens.size() + 1);
        tokens.add(at, "...");
        for (int p = ellipsisRank - covered; p < ellipsisRank; p++) {
          dims.add(at++, random.nextInt(4) == 0 ? 1 : ellipsisSizes[p]);
        }
        anyEllipsis = true;
      }
      terms.add(String.join(random.nextInt(5) == 0 ? " " : "", tokens));
      shapes.add(Shape.of(dims.stream().mapToInt(Integer::intValue).toArray()));
    }
    String equation = String.join(",", terms);
    if (random.nextInt(3) > 0) {
      equation += "->" + output(random, used.toString(), anyEllipsis);
    }
    return new Drawn(equation, shapes);
  }

  /** An explicit output: some of the used labels in a random order, and '...' now and then. */
  private static String output(RandomGenerator random, String used, boolean anyEllipsis) {
    List<String> tokens = new ArrayList<>();
    for (char c : used.toCharArray()) {
      if (random.nextBoolean()) {
        tokens.add(String.valueOf(c));
      }
    }
    Collections.shuffle(tokens, new Random(random.nextLong()));
    // An output '...' with no input one is allowed and covers nothing, as in torch.
    if (anyEllipsis ? random.nextInt(4) > 0 : random.nextInt(10) == 0) {
      tokens.add(random.nextInt(tokens.size() + 1), "...");
    }
    return String.join("", tokens);
  }
}
