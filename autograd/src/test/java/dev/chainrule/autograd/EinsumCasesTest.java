package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.EinsumCases.Drawn;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The drawn equations cover what einsum must get right, so that the comparison with the
 * definition ({@link EinsumProperties}) and the catalogue's gradient checks of the row see each
 * of them: in 300 draws (the catalogue's count), every feature below appears at least 5 times.
 */
class EinsumCasesTest {

  @Test
  void theDrawsCoverEveryFeature() {
    SplittableRandom random = new SplittableRandom(11);
    List<Drawn> draws = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      draws.add(EinsumCases.draw(random));
    }
    covered(draws, "one operand", d -> d.shapes().size() == 1);
    covered(draws, "three operands", d -> d.shapes().size() == 3);
    covered(draws, "an implicit output", d -> !d.equation().contains("->"));
    covered(draws, "an ellipsis", d -> d.equation().contains("..."));
    covered(draws, "a rank-0 operand", d -> d.shapes().stream().anyMatch(s -> s.rank() == 0));
    covered(draws, "spaces", d -> d.equation().contains(" "));
    covered(draws, "an uppercase label", d -> d.equation().contains("B"));
    covered(draws, "a diagonal", EinsumCasesTest::hasRepeatedLabel);
    covered(draws, "a label of size 1 against a larger size", EinsumCasesTest::broadcastsALabel);
  }

  private static void covered(List<Drawn> draws, String feature, Predicate<Drawn> has) {
    long count = draws.stream().filter(has).count();
    assertTrue(count >= 5, feature + ": " + count + " of " + draws.size());
  }

  private static boolean hasRepeatedLabel(Drawn d) {
    for (String term : inputTerms(d)) {
      String labels = term.replace("...", "");
      if (labels.chars().distinct().count() < labels.length()) {
        return true;
      }
    }
    return false;
  }

  /** A letter with an axis of size 1 in one operand and more in another. */
  private static boolean broadcastsALabel(Drawn d) {
    String[] terms = inputTerms(d);
    for (char c = 'B'; c <= 'd'; c++) {
      boolean one = false;
      boolean more = false;
      for (int i = 0; i < terms.length; i++) {
        int at = terms[i].indexOf(c);
        if (at >= 0 && !terms[i].contains("...")) {
          int size = d.shapes().get(i).dim(at);
          one |= size == 1;
          more |= size > 1;
        }
      }
      if (one && more) {
        return true;
      }
    }
    return false;
  }

  private static String[] inputTerms(Drawn d) {
    String eq = d.equation().replace(" ", "");
    int arrow = eq.indexOf("->");
    return (arrow < 0 ? eq : eq.substring(0, arrow)).split(",", -1);
  }
}
