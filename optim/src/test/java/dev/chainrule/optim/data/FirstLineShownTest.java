package dev.chainrule.optim.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Line 1 as a message shows it: whole up to 80 characters, cut with "…" past them (never inside
 * a surrogate pair), a field that begins with a double quote quoted as the file has it; and a
 * data row is seen whichever column its label is in, the first one too.
 */
class FirstLineShownTest {
  private static final String SUMMARY = " (scikit-learn's CSV files begin with the counts of rows"
      + " and features, then the class names); train reads line 1 as the columns' names: replace"
      + " it with a header that names each column";

  @Test
  void aLineOfEightyCharactersIsShownWhole() {
    List<String> fields = new ArrayList<>(Collections.nCopies(15, "12.5"));
    fields.add("12.55");
    String joined = String.join(",", fields);
    assertEquals(80, joined.length());
    assertEquals(Optional.of("line 1 (" + joined + ") is all numbers, like a data row or a"
        + " summary line rather than a header; train reads line 1 as the columns' names: if the"
        + " file has no header, add one that names each column"),
        new FirstLine(fields, 16, -1, ',').summary("train"));
  }

  @Test
  void aLongerLineIsCutAtEighty() {
    String name = "a".repeat(100);
    assertEquals(Optional.of("line 1 (" + "a".repeat(80) + "…) looks like a summary line rather"
        + " than a header: it has 1 fields where line 2 has 2" + SUMMARY),
        new FirstLine(List.of(name), 2, -1, ',').summary("train"));
  }

  @Test
  void aCutFallsBeforeASurrogatePairNotInsideIt() {
    // U+1F600 takes characters 79 and 80 (0-based): the cut keeps 79 characters, not half of it.
    String name = "a".repeat(79) + "\uD83D\uDE00" + "b";
    assertEquals(Optional.of("line 1 (" + "a".repeat(79) + "…) looks like a summary line rather"
        + " than a header: it has 1 fields where line 2 has 2" + SUMMARY),
        new FirstLine(List.of(name), 2, -1, ',').summary("train"));
  }

  @Test
  void aFieldThatBeginsWithAQuoteIsQuoted() {
    // The file's """a""",b: the field "a" with its quotes.
    assertEquals(Optional.of("line 1 (\"\"\"a\"\"\",b) looks like a summary line rather than a"
        + " header: it has 2 fields where line 2 has 3" + SUMMARY),
        new FirstLine(List.of("\"a\"", "b"), 3, -1, ',').summary("train"));
  }

  @Test
  void aLabelInTheFirstColumnMarksADataRowToo() {
    FirstLine first = new FirstLine(List.of("Iris-setosa", "5.1", "3.5"), 3, -1, ',');
    assertEquals(Optional.of("line 1 (Iris-setosa,5.1,3.5) looks like a data row rather than a"
        + " header: its label, \"Iris-setosa\", is one of the classes, and every column's name"
        + " but the label's is a number; train reads line 1 as the columns' names, not as a row:"
        + " if the file has no header, add one that names each column"),
        first.dataRow("0", List.of("Iris-setosa", "Iris-virginica"), "train"));
  }
}
