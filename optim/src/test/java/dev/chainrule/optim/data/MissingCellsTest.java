package dev.chainrule.optim.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** CsvFields.isMissing skips its pattern for cells that cannot match it, with the same answers. */
class MissingCellsTest {
  /** The pattern alone, as every cell was matched before. */
  private static final Pattern MISSING = CsvFields.MISSING;

  /** isMissing asks the pattern only of cells starting with n, N or ? after a sign. */
  @Test
  void everySpellingStartsWithWhatTheShortcutLooksFor() {
    for (String spelling : MISSING.pattern().split("\\|")) {
      String unsigned = spelling.replace("[+-]?", "").replace("\\", "");
      assertTrue("nN?".indexOf(unsigned.charAt(0)) >= 0, spelling);
    }
  }

  @Test
  void theAnswersAreThoseOfThePatternAlone() {
    SplittableRandom random = new SplittableRandom(46);
    String alphabet = "nNaA/lLuU?+-01.e ";
    for (int trial = 0; trial < 300_000; trial++) {
      StringBuilder text = new StringBuilder();
      for (int i = random.nextInt(6); i > 0; i--) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String t = text.toString();
      assertEquals(t.isEmpty() || MISSING.matcher(t).matches(), CsvFields.isMissing(t),
          () -> "\"" + t + "\"");
    }
  }
}
