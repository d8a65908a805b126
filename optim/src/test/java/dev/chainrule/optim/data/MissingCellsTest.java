package dev.chainrule.optim.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The markers of a missing value: every one pandas reads as NaN by default, and CsvFields.isMissing
 * skips its pattern for cells that cannot match it, with the same answers.
 */
class MissingCellsTest {
  /** The pattern alone, as every cell was matched before. */
  private static final Pattern MISSING = CsvFields.MISSING;

  /**
   * pandas' default na_values (read_csv, pandas 1.x and 2.x), the empty cell among them, but
   * None. #N/A (a spreadsheet's) and the others used to be read as text: a label of #N/A was a
   * class.
   */
  static final List<String> PANDAS = List.of("", "#N/A", "#N/A N/A", "#NA", "-1.#IND",
      "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN", "<NA>", "N/A", "NA", "NULL", "NaN",
      "n/a", "nan", "null");

  @Test
  void everyMarkerPandasReadsAsMissingIsMissing() {
    for (String marker : PANDAS) {
      assertTrue(CsvFields.isMissing(marker), marker);
    }
  }

  /**
   * None, which pandas reads as missing since 2.0, is a category in many data sets (Sleep
   * Health's "Sleep Disorder": None, Insomnia, Sleep Apnea): as a marker it refused such a label
   * column and dropped a whole class under --missing drop.
   */
  @Test
  void noneIsNoMarker() {
    assertFalse(CsvFields.isMissing("None"));
    assertFalse(MISSING.matcher("None").matches());
    assertEquals(null, CsvFields.labelProblem("None"), "None is a label like any other");
  }

  /**
   * The spellings read in any case are those read so before (NaN, NA, N/A, null); pandas' others
   * only as pandas spells them, since "none" is a category as often as it is no value. ? is no
   * marker of pandas' but was always one here. Texts that merely look alike stay text.
   */
  @Test
  void caseAndLookAlikes() {
    for (String marker : List.of("NAN", "+nan", "Na", "n/A", "Null", "nUlL", "?")) {
      assertTrue(CsvFields.isMissing(marker), marker);
    }
    for (String text : List.of("none", "NONE", "#n/a", "<na>", "1.#ind", "+1.#IND", "#N/A  N/A",
        "#N/A N", "1.#INF", "#", "<", "1.", "1.5", "-1", "na na", "??")) {
      assertFalse(CsvFields.isMissing(text), text);
    }
  }

  @Test
  void theAnswersAreThoseOfThePatternAlone() {
    SplittableRandom random = new SplittableRandom(46);
    String alphabet = "nNaA/lLuU?+-01.e #<>IDQoO";
    for (int trial = 0; trial < 300_000; trial++) {
      StringBuilder text = new StringBuilder();
      for (int i = random.nextInt(6); i > 0; i--) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String t = text.toString();
      assertEquals(t.isEmpty() || MISSING.matcher(t).matches(), CsvFields.isMissing(t),
          () -> "\"" + t + "\"");
    }
    for (String marker : PANDAS) {  // too long for the random texts to reach 
      assertEquals(marker.isEmpty() || MISSING.matcher(marker).matches(),
          CsvFields.isMissing(marker), marker);
    }
  }
}
