package dev.chainrule.autograd.check;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What {@link GradCheck#localize} found: how many nodes of the graph it checked and the nodes
 * whose rule did not agree with central differences of their forward, in topological order from
 * the graph's inputs. Each node is checked on its own, at the values it saw, so a wrong rule
 * makes its own node fail and no other; the first wrong node is the culprit ({@link #culprit()}).
 * Nodes where the finite differences were misled (a kink, a jump or curvature within the step)
 * are listed as such and do not fail the report.
 *
 * @param nodes how many op nodes were checked
 * @param flagged the nodes that did not pass, inputs first
 * @param creationSitesRecorded whether the graph was recorded with creation sites
 */
public record LocalizationReport(int nodes, List<Node> flagged, boolean creationSitesRecorded) {

  /** What was found at a node. */
  public enum Finding {
    /** The rule disagrees with central differences that agree with each other at a smaller step. */
    WRONG_DERIVATIVE,
    /** The rule threw, or returned gradients that do not fit the inputs. */
    RULE_FAILED,
    /**
     * The check's verdict was {@link GradCheckReport.Verdict#FINITE_DIFFERENCE_ARTEFACT}: a kink
     * or a jump within the finite-difference step, or a function that curves too much over it
     * (log near 0), explains the disagreement; not wrong. The node's detail says which.
     */
    KINK,
    /**
     * Run again at its recorded inputs the forward gives other values, or other values each
     * time within the node's check ({@link GradCheckReport.Verdict#NOT_DETERMINISTIC}): it draws
     * random numbers, or reads state that changed, so its rule cannot be checked: not a verdict
     * on the rule.
     */
    NOT_REPRODUCIBLE,
    /**
     * A value at the node (its output, its rule's gradient or a central difference) is infinite
     * or NaN, so no tolerance can judge the rule there: not a verdict on the rule.
     */
    NOT_FINITE,
    /**
     * The node's check could not tell a wrong rule from a right one ({@link
     * GradCheckReport.Verdict#INCONCLUSIVE}: every value within the absolute tolerance, or
     * central differences that scatter like rounding): not checked, not a verdict on the rule.
     */
    INCONCLUSIVE;

    /**
     * Whether this finding means the gradient is wrong.
     *
     * @return true for a wrong derivative and a failed rule
     */
    public boolean isWrong() {
      return this == WRONG_DERIVATIVE || this == RULE_FAILED;
    }
  }

  /**
   * A node that did not pass.
   *
   * @param position its place among the graph's op nodes, from the inputs (0 is computed first)
   * @param output the variable the node computed (its {@link Variable#opContext()} is the node)
   * @param op the op's name, with its attributes for a built-in op ({@code sum([0], keepDims)})
   * @param inputShapes the shapes of all its inputs, in order
   * @param finding what was found
   * @param input the input whose gradient was worst (−1 where nothing was compared)
   * @param element that input's element, empty for a random projection or nothing compared
   * @param analytical the rule's value there (NaN where nothing was compared)
   * @param numerical central differences' value there (NaN where nothing was compared)
   * @param detail how the node was compared and the check's diagnosis, or what went wrong
   * @param creationSite the line of user code that created the node, when recorded
   */
  public record Node(int position, Variable output, String op, List<Shape> inputShapes,
      Finding finding, int input, int[] element, double analytical, double numerical,
      String detail, Optional<StackTraceElement> creationSite) {
    /**
     * Copies the lists.
     *
     * @param position its place among the graph's op nodes
     * @param output the variable the node computed
     * @param op the op's name and attributes
     * @param inputShapes the shapes of its inputs
     * @param finding what was found
     * @param input the input whose gradient was worst
     * @param element that input's element
     * @param analytical the rule's value
     * @param numerical central differences' value
     * @param detail how the node was compared and the diagnosis
     * @param creationSite the line that created the node
     */
    public Node {
      inputShapes = List.copyOf(checkNotNull(inputShapes, "Node: input shapes are null"));
      element = checkNotNull(element, "Node: element is null").clone();
    }

    /**
     * That input's element, as a copy: the report's own array cannot be changed through it.
     *
     * @return that input's element, empty for a random projection or nothing compared
     */
    @Override
    public int[] element() {
      return element.clone();
    }

    @Override
    public String toString() {
      String shapes = inputShapes.stream().map(Shape::toString).collect(Collectors.joining(" "));
      String where = input < 0 ? "" : String.format(Locale.ROOT,
          " at input %d%s: rule %.6g, central"
          + " differences %.6g", input, element.length == 0 ? " (projection)"
          : " " + Arrays.toString(element), analytical, numerical);
      String what = switch (finding) {
        case WRONG_DERIVATIVE -> "WRONG DERIVATIVE";
        case RULE_FAILED -> "RULE FAILED";
        case KINK -> "a finite-difference artefact (not wrong)";
        case NOT_REPRODUCIBLE -> "not checked";
        case NOT_FINITE -> "not finite (not checked)";
        case INCONCLUSIVE -> "inconclusive (not checked)";
      };
      return String.format(Locale.ROOT,
          "#%d %s, inputs %s: %s%s%s; %s", position, op, shapes, what, where,
          creationSite.map(site -> "; created at " + site).orElse(""), detail);
    }
  }

  /**
   * Copies the list.
   *
   * @param nodes how many op nodes were checked
   * @param flagged the nodes that did not pass
   * @param creationSitesRecorded whether creation sites were recorded
   */
  public LocalizationReport {
    flagged = List.copyOf(flagged);
  }

  /**
   * Whether no node's rule is wrong (nodes at kinks and nodes that could not be checked do not
   * count against it).
   *
   * @return true when every checked rule agrees with its forward
   */
  public boolean passed() {
    return wrong().isEmpty();
  }

  /**
   * The first node, from the inputs, whose rule is wrong: where to look first.
   *
   * @return the culprit, or empty when every rule agrees
   */
  public Optional<Node> culprit() {
    return wrong().stream().findFirst();
  }

  /**
   * The nodes whose rule is wrong, inputs first.
   *
   * @return the wrong nodes
   */
  public List<Node> wrong() {
    return flagged.stream().filter(n -> n.finding().isWrong()).toList();
  }

  @Override
  public String toString() {
    long wrong = wrong().size();
    long artefacts = flagged.stream().filter(n -> n.finding() == Finding.KINK).count();
    long unchecked = flagged.size() - wrong - artefacts;
    StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
        "localize: %d nodes checked", nodes));
    if (flagged.isEmpty()) {
      text.append(", every backward rule agrees with central differences of its forward");
    } else {
      text.append(String.format(Locale.ROOT,
          ": %d wrong%s, %d finite-difference artefact%s, %d not checked", wrong,
          wrong > 0 ? " (the first, from the inputs, is the culprit; each node is checked on its"
              + " own)" : "", artefacts, artefacts == 1 ? "" : "s", unchecked));
    }
    flagged.forEach(n -> text.append("\n  ").append(n));
    if (wrong > 0 && !creationSitesRecorded) {
      text.append("\n  (record the graph inside Autograd.recordCreationSites() to see the lines"
          + " of code that created these nodes)");
    }
    return text.toString();
  }
}
