package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.EinsumCases.Drawn;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensors;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * What {@link EinsumCases#draw} promises beyond the features {@link EinsumCasesTest} counts:
 * every draw is an equation einsum accepts, explicit outputs keep, reorder and drop labels and
 * '...', ellipses cover zero to two dimensions, and no feature swamps the plain cases (a draw
 * where almost every label is 1 or every term has spaces would leave the common path of the
 * catalogue's 300 cases barely tested). The shares are taken over 2000 draws of one seed; each
 * bound sits at least five standard deviations from the share the generator's odds give, and
 * well short of the share a flipped odd would give.
 */
class EinsumCasesDrawTest {
  /**
   * Drawn in each test, not in a field: PIT maps a mutant only to the tests that ran its code,
   * and a class initializer's run belongs to none.
   */
  private static List<Drawn> draws(int count) {
    SplittableRandom random = new SplittableRandom(23);
    List<Drawn> draws = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      draws.add(EinsumCases.draw(random));
    }
    return draws;
  }

  /** One input term: its labels, where '...' stands (or -1) and how many axes it covers. */
  private record Term(String labels, int ellipsis, Shape shape) {
    static Term of(String text, Shape shape) {
      String labels = text.replace("...", "");
      return new Term(labels, text.indexOf("..."), shape);
    }

    int covered() {
      return shape.rank() - labels.length();
    }

    int labelAxis(int k) {
      return ellipsis >= 0 && k >= ellipsis ? k + covered() : k;
    }
  }

  private static List<Term> terms(Drawn d) {
    String eq = d.equation().replace(" ", "");
    int arrow = eq.indexOf("->");
    String[] texts = (arrow < 0 ? eq : eq.substring(0, arrow)).split(",", -1);
    List<Term> terms = new ArrayList<>();
    for (int i = 0; i < texts.length; i++) {
      terms.add(Term.of(texts[i], d.shapes().get(i)));
    }
    return terms;
  }

  /** The explicit output without spaces, or null for an implicit one. */
  private static String output(Drawn d) {
    String eq = d.equation().replace(" ", "");
    int arrow = eq.indexOf("->");
    return arrow < 0 ? null : eq.substring(arrow + 2);
  }

  private static boolean inputEllipsis(Drawn d) {
    return terms(d).stream().anyMatch(t -> t.ellipsis() >= 0);
  }

  @Test
  void everyDrawIsAnEquationEinsumAccepts() {
    List<Drawn> draws = draws(2000);
    for (Drawn d : draws) {
      assertEquals(terms(d).size(), d.shapes().size(), d::toString);
      for (Term t : terms(d)) {
        assertTrue(t.ellipsis() >= 0 ? t.covered() >= 0 : t.covered() == 0, d::toString);
        assertTrue(t.covered() <= 2, d::toString);
      }
      Variable[] operands = d.shapes().stream().map(s -> Variable.constant(Tensors.zeros(s)))
          .toArray(Variable[]::new);
      assertDoesNotThrow(() -> Variables.einsum(d.equation(), operands), d::toString);
    }
  }

  /** The row's case is named by its equation and shapes, as a failing gradient check shows. */
  @Test
  void aDrawPrintsItsEquationAndShapes() {
    assertEquals("'ij,j->i' [[2, 3], [3]]",
        new Drawn("ij,j->i", List.of(Shape.of(2, 3), Shape.of(3))).toString());
  }

  @Test
  void explicitOutputsKeepReorderAndDropLabelsAndEllipses() {
    List<Drawn> draws = draws(2000);
    covered(draws, "an output keeping a label", d -> output(d) != null
        && output(d).replace("...", "").length() > 0);
    covered(draws, "an output dropping a label", d -> output(d) != null
        && terms(d).stream().anyMatch(t -> t.labels().chars()
            .anyMatch(c -> output(d).indexOf(c) < 0)));
    covered(draws, "an output out of the labels' first-use order", d -> output(d) != null
        && !inFirstUseOrder(d));
    covered(draws, "an output '...' over an input '...'", d -> output(d) != null
        && output(d).contains("...") && inputEllipsis(d));
    covered(draws, "an input '...' summed away", d -> output(d) != null
        && !output(d).contains("...") && inputEllipsis(d));
    covered(draws, "an output '...' with no input '...'", d -> output(d) != null
        && output(d).contains("...") && !inputEllipsis(d));
  }

  @Test
  void ellipsesCoverNoneOneOrTwoAndNeedNotBeInEveryTerm() {
    List<Drawn> draws = draws(2000);
    covered(draws, "an ellipsis covering two axes", d -> terms(d).stream()
        .anyMatch(t -> t.ellipsis() >= 0 && t.covered() == 2));
    covered(draws, "an ellipsis covering none beside one covering some", d -> terms(d).stream()
        .anyMatch(t -> t.ellipsis() >= 0 && t.covered() == 0) && terms(d).stream()
        .anyMatch(t -> t.ellipsis() >= 0 && t.covered() > 0));
    covered(draws, "an ellipsis in one term but not another", d -> inputEllipsis(d)
        && terms(d).stream().anyMatch(t -> t.ellipsis() < 0));
  }

  @Test
  void noFeatureSwampsThePlainCases() {
    List<Drawn> draws = draws(2000);
    // Odds 1/4 of drawing an ellipsis, each term taking it with 2/3: about 0.21.
    share("draws with an input '...'", draws, EinsumCasesDrawTest::inputEllipsis, 0.1, 0.35);
    // Each term takes a drawn ellipsis with odds 2/3: 1/4 · 2/3 of terms, about 0.17.
    List<Term> all = new ArrayList<>();
    draws.forEach(d -> all.addAll(terms(d)));
    share("terms with '...'", all, t -> t.ellipsis() >= 0, 0.12, 0.22);
    // An implicit output 1 time in 3.
    share("implicit outputs", draws, d -> output(d) == null, 0.2, 0.45);
    // Spaces join 1 term in 5; they show only in a term of two tokens or more.
    List<String> joined = new ArrayList<>();
    draws.forEach(d -> joined.addAll(List.of(d.equation().split("->", -1)[0].split(",", -1))));
    List<String> longer = joined.stream().filter(t -> t.replace(" ", "").replace("...", "x")
        .length() >= 2).toList();
    share("terms with spaces", longer, t -> t.contains(" "), 0.1, 0.35);
    // A label axis is 1 with odds 1/6 + 5/6 · 1/3 = 7/18, about 0.39.
    List<Integer> labelSizes = new ArrayList<>();
    List<Integer> ellipsisSizes = new ArrayList<>();
    for (Drawn d : draws) {
      for (Term t : terms(d)) {
        for (int k = 0; k < t.labels().length(); k++) {
          labelSizes.add(t.shape().dim(t.labelAxis(k)));
        }
        for (int a = 0; a < t.covered(); a++) {
          ellipsisSizes.add(t.shape().dim(t.ellipsis() + a));
        }
      }
    }
    share("label axes of size 1", labelSizes, s -> s == 1, 0.3, 0.5);
    // An axis under '...' is 2 with odds 3/4 · 1/2 = 3/8.
    share("axes under '...' larger than 1", ellipsisSizes, s -> s > 1, 0.25, 0.5);
    List<Drawn> explicit = draws.stream().filter(d -> output(d) != null).toList();
    // An output keeps an input's '...' with odds 3/4, and adds one to none with odds 1/10.
    share("outputs keeping an input '...'",
        explicit.stream().filter(EinsumCasesDrawTest::inputEllipsis).toList(),
        d -> output(d).contains("..."), 0.6, 0.9);
    share("outputs adding a '...'",
        explicit.stream().filter(d -> !inputEllipsis(d)).toList(),
        d -> output(d).contains("..."), 0.03, 0.2);
  }

  private static boolean inFirstUseOrder(Drawn d) {
    StringBuilder used = new StringBuilder();
    for (Term t : terms(d)) {
      t.labels().chars().filter(c -> used.indexOf(String.valueOf((char) c)) < 0)
          .forEach(c -> used.append((char) c));
    }
    String kept = output(d).replace("...", "");
    int last = -1;
    for (char c : kept.toCharArray()) {
      int at = used.indexOf(String.valueOf(c));
      if (at < last) {
        return false;
      }
      last = at;
    }
    return true;
  }

  /** The feature in at least 5 of the first 300 draws, the catalogue's count. */
  private static void covered(List<Drawn> draws, String feature, Predicate<Drawn> has) {
    long count = draws.subList(0, 300).stream().filter(has).count();
    assertTrue(count >= 5, feature + ": " + count + " of 300");
  }

  private static <T> void share(String what, List<T> items, Predicate<T> has, double low,
      double high) {
    double share = (double) items.stream().filter(has).count() / items.size();
    assertTrue(items.size() >= 100 && share >= low && share <= high,
        what + ": " + share + " of " + items.size() + ", expected in [" + low + ", " + high + "]");
  }
}
