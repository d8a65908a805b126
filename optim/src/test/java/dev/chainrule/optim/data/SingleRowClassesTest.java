package dev.chainrule.optim.data;

import static dev.chainrule.optim.data.LabelRows.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The warning of classes of one row, read in optim itself: only the examples' and the Spark
 * launcher's tests printed it, so a wrong count or line went unseen by optim's own suite.
 */
class SingleRowClassesTest {
  private static final String ADVICE = ": a class needs several rows to be both learned and"
      + " tested; if ";

  private static CsvData read(CsvReader.Builder reader, String text) throws IOException {
    return reader.build().read(new StringReader(text), "s.csv");
  }

  @Test
  void oneClassOfOneRowIsNamedWithItsLineAndFile() throws IOException {
    CsvData data = read(CsvReader.builder(), rows("no", "no", "yez", "yes", "yes"));
    assertEquals(Optional.of("warning: class yez has a single row (line 4 of s.csv)" + ADVICE
        + "its label is a typo, correct it"), SingleRowClasses.warning(data, "s.csv"));
  }

  @Test
  void classesOfTwoRowsOrMoreAreNoWarning() throws IOException {
    CsvData data = read(CsvReader.builder(), rows("no", "yes", "no", "yes", "yes"));
    assertEquals(Optional.empty(), SingleRowClasses.warning(data, "s.csv"));
  }

  @Test
  void aRegressionTargetHasNoClassesToWarnOf() throws IOException {
    CsvData data = read(CsvReader.builder().regression(), rows("1.5", "2.5", "3.5"));
    assertEquals(Optional.empty(), SingleRowClasses.warning(data, "s.csv"));
  }

  /** Only the first class named says the file; five are named, and no "0 more" follows them. */
  @Test
  void fiveSingleClassesAreAllNamed() throws IOException {
    CsvData data = read(CsvReader.builder(), rows("a", "b", "c", "d", "e", "f", "f"));
    assertEquals(Optional.of("warning: classes a (line 2 of s.csv), b (line 3), c (line 4),"
        + " d (line 5), e (line 6) have a single row each" + ADVICE
        + "a label is a typo, correct it"), SingleRowClasses.warning(data, "s.csv"));
  }

  @Test
  void singleClassesBeyondFiveAreCounted() throws IOException {
    CsvData data = read(CsvReader.builder(),
        rows("g", "g", "a", "b", "c", "d", "e", "f", "h"));
    assertEquals(Optional.of("warning: classes a (line 4 of s.csv), b (line 5), c (line 6),"
        + " d (line 7), e (line 8) and 2 more have a single row each" + ADVICE
        + "a label is a typo, correct it"), SingleRowClasses.warning(data, "s.csv"));
  }

  /**
   * A row without a label is to predict: it adds to no class, so the two labelled classes stay
   * of one row each whatever class index the reader left in the unlabelled row.
   */
  @Test
  void unlabelledRowsAddToNoClass() throws IOException {
    CsvData data = read(CsvReader.builder().labelColumn("y").optionalLabel(),
        "x,y\n1,a\n2,\n3,b\n");
    assertEquals(Optional.of("warning: classes a (line 2 of s.csv), b (line 4) have a single"
        + " row each" + ADVICE + "a label is a typo, correct it"),
        SingleRowClasses.warning(data, "s.csv"));
  }
}
