package dev.chainrule.autograd;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * An einsum equation as written, checked without the operands: its input terms and its output,
 * the implicit output made explicit. The rules are PyTorch 1.13's: labels are the letters a–z and
 * A–Z, spaces are ignored, each term holds at most one {@code ...}, and without {@code ->} the
 * output is {@code ...} (when an input has one) followed by the labels that appear exactly once,
 * in ASCII order (uppercase before lowercase, as torch puts {@code "bA"} as {@code "Ab"}).
 *
 * @param text the equation as given, for messages
 * @param inputs one term per operand
 * @param output the output's term
 */
record EinsumEquation(String text, List<Term> inputs, Term output) {

  /**
   * One side of the equation for one tensor: its labels in order, and where {@code ...} stands.
   *
   * @param labels the letters, without the ellipsis
   * @param ellipsis how many labels come before the ellipsis, or −1 when there is none
   */
  record Term(String labels, int ellipsis) {
    boolean hasEllipsis() {
      return ellipsis >= 0;
    }

    @Override
    public String toString() {
      return hasEllipsis()
          ? labels.substring(0, ellipsis) + "..." + labels.substring(ellipsis) : labels;
    }
  }

  EinsumEquation {
    inputs = List.copyOf(inputs);
  }

  /** The equation's terms, every character checked; the index in a message is the given one's. */
  static EinsumEquation parse(String equation) {
    checkNotNull(equation, "einsum: the equation is null");
    List<Term> inputs = new ArrayList<>();
    Term output = null;
    StringBuilder labels = new StringBuilder();
    int ellipsis = -1;
    boolean arrow = false;
    for (int i = 0; i < equation.length(); i++) {
      char c = equation.charAt(i);
      String side = arrow ? "the output" : "operand " + inputs.size();
      if (c == ' ') {
        continue;
      }
      if (isLabel(c)) {
        labels.append(c);
      } else if (c == '.') {
        checkArgument(equation.startsWith("...", i), "einsum '%s': the '.' at index %s (%s) is"
            + " not part of a '...'", equation, i, side);
        checkArgument(ellipsis < 0, "einsum '%s': a second '...' at index %s in the term of %s",
            equation, i, side);
        ellipsis = labels.length();
        i += 2;
      } else if (!arrow && (c == ',' || equation.startsWith("->", i))) {
        inputs.add(new Term(labels.toString(), ellipsis));
        labels.setLength(0);
        ellipsis = -1;
        if (c == '-') {
          arrow = true;
          i++;
        }
      } else {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "einsum '%s': invalid character '%s' at index %s (in the term of %s): labels are"
                + " the letters a-z and A-Z", equation, c, i, side));
      }
    }
    Term last = new Term(labels.toString(), ellipsis);
    if (arrow) {
      output = last;
    } else {
      inputs.add(last);
    }
    return new EinsumEquation(equation, inputs,
        output == null ? implicitOutput(inputs) : checkedOutput(equation, inputs, output));
  }

  /** Letters only: PyTorch's subscripts are [a-zA-Z]. */
  static boolean isLabel(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
  }

  /** {@code ...} if an input has one, then the labels used once, in ASCII order. */
  private static Term implicitOutput(List<Term> inputs) {
    TreeMap<Character, Integer> counts = new TreeMap<>();
    boolean ellipsis = false;
    for (Term term : inputs) {
      ellipsis |= term.hasEllipsis();
      for (char c : term.labels().toCharArray()) {
        counts.merge(c, 1, Integer::sum);
      }
    }
    StringBuilder once = new StringBuilder();
    counts.forEach((c, n) -> {
      if (n == 1) {
        once.append(c);
      }
    });
    return new Term(once.toString(), ellipsis ? 0 : -1);
  }

  /** An explicit output: each label once, and each from some input. */
  private static Term checkedOutput(String equation, List<Term> inputs, Term output) {
    String labels = output.labels();
    for (int i = 0; i < labels.length(); i++) {
      char c = labels.charAt(i);
      checkArgument(labels.indexOf(c) == i, "einsum '%s': output label '%s' appears more than"
          + " once in the output", equation, c);
      checkArgument(inputs.stream().anyMatch(t -> t.labels().indexOf(c) >= 0), "einsum '%s':"
          + " output label '%s' is in no input term", equation, c);
    }
    return output;
  }

  @Override
  public String toString() {
    return text;
  }
}
