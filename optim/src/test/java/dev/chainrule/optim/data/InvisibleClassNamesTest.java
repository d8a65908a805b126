package dev.chainrule.optim.data;

import static dev.chainrule.optim.data.LabelRows.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The warning of class names that hold an invisible character: optim's suite read names in two
 * Unicode forms only ({@link UnicodeFormsTest}), so no test of optim saw this sentence at all.
 */
class InvisibleClassNamesTest {
  private static final String ZWSP = "\u200B";
  private static final String REMEDY = ": an invisible character makes a class of its own; if it"
      + " was not meant, remove it from the file's labels";

  private static CsvData read(CsvReader.Builder reader, String text) throws IOException {
    return reader.build().read(new StringReader(text), "i.csv");
  }

  private static String warning(CsvData data) {
    return InvisibleClassNames.warning(data, "i.csv").orElseThrow();
  }

  @Test
  void aNameBesideTheClassItPrintsAsSaysSo() throws IOException {
    CsvData data = read(CsvReader.builder(), rows("yes", "no", "ye" + ZWSP + "s", "no"));
    assertEquals("warning: class \"ye<U+200B>s\" (line 4 of i.csv) holds an invisible"
        + " character, U+200B, and prints as class \"yes\"" + REMEDY, warning(data));
  }

  /** The character first in the name is found too; no class "no" is there to name as a class. */
  @Test
  void aNameThatStartsWithTheCharacterPrintsAsPlainText() throws IOException {
    CsvData data = read(CsvReader.builder(), rows("yes", ZWSP + "no", "yes"));
    assertEquals("warning: class \"<U+200B>no\" (line 3 of i.csv) holds an invisible"
        + " character, U+200B, and prints as \"no\"" + REMEDY, warning(data));
  }

  @Test
  void visibleNamesAreNoWarning() throws IOException {
    CsvData data = read(CsvReader.builder(), rows("yes", "no"));
    assertEquals(Optional.empty(), InvisibleClassNames.warning(data, "i.csv"));
  }

  /** Five are named, the file with the first only; the rest are counted. */
  @Test
  void namesBeyondFiveAreCounted() throws IOException {
    CsvData data = read(CsvReader.builder(), rows("a" + ZWSP, "b" + ZWSP, "c" + ZWSP,
        "d" + ZWSP, "e" + ZWSP, "f" + ZWSP, "g" + ZWSP));
    String named = warning(data);
    assertTrue(named.startsWith("warning: classes \"a<U+200B>\" (line 2 of i.csv) holds"), named);
    assertTrue(named.contains("; \"b<U+200B>\" (line 3) holds"), named);
    assertTrue(named.contains("\"e<U+200B>\" (line 6) holds an invisible character, U+200B, and"
        + " prints as \"e\"; and 2 more" + REMEDY), named);
    assertFalse(named.contains("f<U+200B>"), named);
    CsvData five = read(CsvReader.builder(), rows("a" + ZWSP, "b" + ZWSP, "c" + ZWSP,
        "d" + ZWSP, "e" + ZWSP));
    assertTrue(warning(five).endsWith("prints as \"e\"" + REMEDY), warning(five));
  }

  /** Class names given beforehand may have no row in the file: no line to point to. */
  @Test
  void aGivenClassWithoutRowsHasNoLine() throws IOException {
    CsvData data = read(CsvReader.builder().classNames(List.of("no", "ye" + ZWSP + "s")),
        rows("no", "no"));
    assertEquals("warning: class \"ye<U+200B>s\" (no labelled row) holds an invisible"
        + " character, U+200B, and prints as \"yes\"" + REMEDY, warning(data));
  }

  /** An unlabelled row holds class 0 as a placeholder; it is not the class's first row. */
  @Test
  void anUnlabelledRowIsNotAClassesFirstRow() throws IOException {
    CsvData data = read(CsvReader.builder().labelColumn("y").optionalLabel()
        .classNames(List.of("ye" + ZWSP + "s", "no")), rows("", "no", "ye" + ZWSP + "s"));
    assertEquals("warning: class \"ye<U+200B>s\" (line 4 of i.csv) holds an invisible"
        + " character, U+200B, and prints as \"yes\"" + REMEDY, warning(data));
  }

  /** Groups of one name in two Unicode forms are named up to five; the rest are counted. */
  @Test
  void groupsOfFormsBeyondFiveAreCounted() throws IOException {
    String[] labels = new String[12];
    for (int k = 0; k < 6; k++) {
      labels[2 * k] = "\u00E9" + (char) ('a' + k);
      labels[2 * k + 1] = "e\u0301" + (char) ('a' + k);
    }
    String six = warning(read(CsvReader.builder(), rows(labels)));
    assertTrue(six.contains("; and 1 more are, group by group, one name"), six);
    assertFalse(six.contains("\u00E9f"), six);
    String five = warning(read(CsvReader.builder(),
        rows(Arrays.copyOf(labels, 10))));
    assertTrue(five.contains("(line 10, U+00E9) are, group by group, one name"), five);
  }
}
