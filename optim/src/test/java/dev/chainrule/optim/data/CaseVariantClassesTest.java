package dev.chainrule.optim.data;

import static dev.chainrule.optim.data.LabelRows.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Labels typed by hand, yes, Yes and YES, were classes of their own without a word. */
class CaseVariantClassesTest {
  private static final String ADVICE = " only in letter case, and each is a class of its own, a"
      + " row of one predicted as another counted wrong; if one class was meant, write the"
      + " file's labels one way";

  private static Optional<String> warning(String text) throws IOException {
    return CaseVariantClasses.warning(
        CsvReader.builder().build().read(new StringReader(text), "c.csv"), "c.csv");
  }

  /** Classes sort as text, upper case first; each is named with its first line. */
  @Test
  void casesOfOneNameAreNamedWithTheirFirstLines() throws IOException {
    assertEquals(Optional.of("warning: classes \"YES\" (line 5 of c.csv) and \"Yes\" (line 4)"
        + " and \"yes\" (line 2) differ" + ADVICE),
        warning(rows("yes", "no", "Yes", "YES", "no", "yes")));
  }

  @Test
  void twoGroupsAreNamedGroupByGroup() throws IOException {
    assertEquals(Optional.of("warning: classes \"NO\" (line 3 of c.csv) and \"no\" (line 2);"
        + " \"Yes\" (line 5) and \"yes\" (line 4) differ, group by group," + ADVICE),
        warning(rows("no", "NO", "yes", "Yes")));
  }

  @Test
  void namesThatDifferOtherwiseAreNoWarning() throws IOException {
    assertEquals(Optional.empty(), warning(rows("yes", "no", "yes", "no")));
  }
}
