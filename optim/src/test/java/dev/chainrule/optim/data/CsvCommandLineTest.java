package dev.chainrule.optim.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.core.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The CSV options as command lines give them; the launchers' own tests are in the examples and
 * the Spark module, which the mutation run does not reach.
 */
class CsvCommandLineTest {
  @Test
  void aWordIsReadInAnyCaseAndAnythingElseKeptAsTyped() {
    assertEquals("regression", CsvCommandLine.word("Regression", "classification", "regression"));
    assertEquals("drop", CsvCommandLine.word("DROP", "reject", "drop"));
    assertEquals("Ranking", CsvCommandLine.word("Ranking", "classification", "regression"),
        "the option's check refuses it in the user's spelling");
  }

  @Test
  void aTabIsNamedThreeWaysAndAnyOtherSeparatorIsItsOneCharacter() {
    assertEquals('\t', CsvCommandLine.delimiter("tab"));
    // In any case, as the program's other word values (--task Regression, --optimizer ADAM).
    assertEquals('\t', CsvCommandLine.delimiter("TAB"));
    assertEquals('\t', CsvCommandLine.delimiter("Tab"));
    assertEquals('\t', CsvCommandLine.delimiter("\\t"));
    assertEquals('\t', CsvCommandLine.delimiter("\t"));
    assertEquals(';', CsvCommandLine.delimiter(";"));
    assertEquals('t', CsvCommandLine.delimiter("t"));
  }

  @Test
  void longerSeparatorsQuotesAndLineBreaksAreRefusedSayingWhatIsAccepted() {
    for (String bad : List.of("", ";;", "tabs", "\"", "\n", "\r")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> CsvCommandLine.delimiter(bad), bad);
      assertEquals("a delimiter is one character other than a double quote or a line break, or"
          + " tab; got '" + bad + "'", e.getMessage());
    }
    assertEquals("the delimiter is null", assertThrows(NullPointerException.class,
        () -> CsvCommandLine.delimiter(null)).getMessage());
  }

  /**
   * A name that holds a comma, or is itself in double quotes, is written in double quotes, which
   * the reader takes off ({@link QuotedColumnNamesTest}), and the list in single quotes for the
   * shell; a plain name as it is, and one with a space in the shell's double quotes.
   */
  @Test
  void namesAreWrittenAsTheOptionsReadThemBackAtAShell() {
    assertEquals("--drop b", CsvCommandLine.option("--drop", List.of("b")));
    assertEquals("--drop \"first name\"", CsvCommandLine.option("--drop", List.of("first name")));
    assertEquals("--drop '\"name, full\"'", CsvCommandLine.option("--drop", List.of("name, full")));
    assertEquals("--drop 'a,\"\"q\"\"'", CsvCommandLine.option("--drop", List.of("a", "\"q\"")));
    assertEquals("--drop 'it'\\''s $1'", CsvCommandLine.option("--drop", List.of("it's $1")));
  }

  @Test
  void leavingColumnsOutSaysHowForTheOptionsGiven() {
    assertEquals("--drop '\"w, kg\"'", CsvCommandLine.leaveOut("w, kg", null, null));
    assertEquals("--drop a,b", CsvCommandLine.leaveOut(List.of("a", "b"), null, null));
    assertEquals("add b to --drop", CsvCommandLine.leaveOut("b", null, List.of("a")));
    assertEquals("--drop 'a,\"w, kg\"'", CsvCommandLine.leaveOut("w, kg", null, List.of("a")));
    assertEquals("take \"w, kg\" out of --features",
        CsvCommandLine.leaveOut("w, kg", List.of("w, kg", "a"), null));
  }

  @Test
  void theFirstNameGivenTwiceIsFound() {
    assertEquals(Optional.of("b"), CsvCommandLine.repeatedName(List.of("a", "b", "c", "b", "a")));
    assertEquals(Optional.empty(), CsvCommandLine.repeatedName(List.of("a", "b", "c")));
    assertEquals(Optional.empty(), CsvCommandLine.repeatedName(List.of()));
    assertEquals(Optional.empty(), CsvCommandLine.repeatedName(null));
    assertEquals(Optional.of("x"), CsvCommandLine.repeatedName(Arrays.asList("x", "x")));
  }

  @Test
  void theDroppedRowsNoteSaysWhyAndNamesTheTypeOnlyWhereTheCommandLineChoosesIt() {
    assertEquals(Optional.empty(), CsvCommandLine.droppedRowsNote(read(0, 0), "a.csv", true));
    assertEquals(Optional.of("a.csv: left out 1 row with missing values (--missing drop)"),
        CsvCommandLine.droppedRowsNote(read(1, 0), "a.csv", true));
    assertEquals(Optional.of("a.csv: left out 2,000 rows with a number beyond float32's range"
        + " (--missing drop; --dtype float64 reads such numbers)"),
        CsvCommandLine.droppedRowsNote(read(2000, 2000), "a.csv", true));
    assertEquals(Optional.of("a.csv: left out 3 rows: 2 with missing values, 1 with a number"
        + " beyond float32's range (--missing drop)"),
        CsvCommandLine.droppedRowsNote(read(3, 1), "a.csv", false));
  }

  /** One row read, {@code dropped} left out, {@code beyond} of them for a number too large. */
  private static CsvData read(int dropped, int beyond) {
    Dataset one = new Dataset(Tensor.of(new double[] {1}, 1, 1),
        Tensor.of(new double[] {2}, 1, 1));
    return new CsvData(one, List.of("x"), "y", List.of(), dropped, beyond, List.of(2),
        List.of(), List.of());
  }

  /**
   * A split's remedy in the options' words; a smaller test fraction only where the command takes
   * --test-fraction (null where it does not, so the message leaves it out).
   */
  @Test
  void remediesAreNamedByTheirOptions() {
    assertEquals("more rows", CsvCommandLine.remedy(UnlearnableDataException.Remedy.MORE_ROWS,
        true));
    assertEquals("a smaller --test-fraction",
        CsvCommandLine.remedy(UnlearnableDataException.Remedy.SMALLER_TEST_FRACTION, true));
    assertEquals(null,
        CsvCommandLine.remedy(UnlearnableDataException.Remedy.SMALLER_TEST_FRACTION, false));
    assertEquals("a smaller --validation",
        CsvCommandLine.remedy(UnlearnableDataException.Remedy.SMALLER_VALIDATION_SHARE, false));
    assertEquals("another --seed",
        CsvCommandLine.remedy(UnlearnableDataException.Remedy.ANOTHER_SEED, false));
    assertEquals("name, full", CsvCommandLine.unquoted("\"name, full\""));
  }

  /** Text in a regression's label: the advice is to leave out --task regression. */
  @Test
  void textInARegressionsLabelAdvisesClasses() {
    NotANumberException e = assertThrows(NotANumberException.class, () -> CsvReader.builder()
        .regression().build().read(new java.io.StringReader("x,y\n1,cat\n"), "r.csv"));
    assertEquals("; a regression's label is a number: if the labels are classes, leave out"
        + " --task regression", e.commandLineAdvice(null, false));
  }
}
