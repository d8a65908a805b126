package dev.chainrule.optim.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A numeric {@code --label} that is also a header name, as {@code 4} is on scikit-learn's
 * iris.csv line 1 ({@code 150,4,setosa,versicolor,virginica}): the run notes the column it took
 * by name, and a refusal says so after its mention of the label, or at its end.
 */
class FirstLineLabelNotesTest {
  /** iris.csv's line 1, its rows not counted: no summary warning joins the notes. */
  private static final FirstLine IRIS =
      new FirstLine(List.of("150", "4", "setosa", "versicolor", "virginica"), 5, -1, ',');

  @Test
  void aNumberThatNamesAnotherColumnIsNoted() {
    assertEquals(Optional.of("the column named 4, at index 1"), IRIS.numericName("4"));
    assertEquals(List.of("note: --label 4 is the column named 4, at index 1, not the column at"
        + " index 4: a header name comes before an index"), IRIS.runNotes("4", "train"));
  }

  @Test
  void aNumberThatNamesTheColumnAtItsIndexIsNotNoted() {
    FirstLine first = new FirstLine(List.of("a", "1", "b"), 3, -1, ',');
    assertEquals(Optional.of("the column named 1, at index 1"), first.numericName("1"));
    assertEquals(List.of(), first.runNotes("1", "train"));
  }

  @Test
  void aNumberPastTheLastIndexNamesNoOtherColumn() {
    // "5" on a line of 5 fields: no column is at index 5, so the name is the only reading.
    FirstLine first = new FirstLine(List.of("5", "a", "b", "c", "d"), 5, -1, ',');
    assertEquals(Optional.of("the column named 5, at index 0"), first.numericName("5"));
    assertEquals(List.of(), first.runNotes("5", "train"));
    // "4" on the same line would be the last column by index: that reading is noted.
    FirstLine four = new FirstLine(List.of("4", "a", "b", "c", "d"), 5, -1, ',');
    assertEquals(List.of("note: --label 4 is the column named 4, at index 0, not the column at"
        + " index 4: a header name comes before an index"), four.runNotes("4", "train"));
  }

  @Test
  void aNegativeNumberIsNotedOnlyWhereItsIndexNamesAnotherColumn() {
    // "-1" names the last column by name and by index alike: nothing to note. It was noted as
    // "the column named -1, at index 1, not the column at index -1".
    FirstLine last = new FirstLine(List.of("x", "-1"), 2, -1, ',');
    assertEquals(List.of(), last.runNotes("-1", "train"));
    FirstLine first = new FirstLine(List.of("-1", "x", "y"), 3, 0, ',');
    assertEquals(List.of("note: --label -1 is the column named -1, at index 0, not the column at"
        + " index -1: a header name comes before an index"), first.runNotes("-1", "train"));
    // "-4" on 3 fields is no index: the name is the only reading.
    FirstLine beyond = new FirstLine(List.of("-4", "x", "y"), 3, -1, ',');
    assertEquals(List.of(), beyond.runNotes("-4", "train"));
    FirstLine from = new FirstLine(List.of("-3", "x", "y"), 3, -1, ',');
    assertEquals(List.of(), from.runNotes("-3", "train"), "-3 is the first column either way");
  }

  @Test
  void aNumberWhoseIndexIsTheFirstColumnIsNotedWhenItNamesAnother() {
    FirstLine zero = new FirstLine(List.of("a", "0", "b"), 3, -1, ',');
    assertEquals(List.of("note: --label 0 is the column named 0, at index 1, not the column at"
        + " index 0: a header name comes before an index"), zero.runNotes("0", "train"));
    FirstLine fromEnd = new FirstLine(List.of("a", "-3", "b"), 3, -1, ',');
    assertEquals(List.of("note: --label -3 is the column named -3, at index 1, not the column at"
        + " index -3: a header name comes before an index"), fromEnd.runNotes("-3", "train"));
  }

  @Test
  void aRefusalNamesTheColumnAfterItsMentionOfTheLabel() {
    assertEquals("data.csv: the label \"4\" (the column named 4, at index 1) looks continuous:"
        + " 40 different numbers in 40 rows", IRIS.explain("data.csv: the label \"4\" looks"
        + " continuous: 40 different numbers in 40 rows", "4", "train"));
    // At the very start of the message too.
    assertEquals("the label \"4\" (the column named 4, at index 1) looks continuous",
        IRIS.explain("the label \"4\" looks continuous", "4", "train"));
  }

  @Test
  void aRefusalWithoutAMentionOfTheLabelSaysItAtItsEnd() {
    assertEquals("data.csv: line 3: expected 5 fields, found 4; --label 4 took the column named"
        + " 4, at index 1 (a header name comes before an index)",
        IRIS.explain("data.csv: line 3: expected 5 fields, found 4", "4", "train"));
    // A label that names nothing by number leaves the message as it is.
    assertEquals("data.csv: line 3: no label", IRIS.explain("data.csv: line 3: no label",
        "setosa", "train"));
  }
}
