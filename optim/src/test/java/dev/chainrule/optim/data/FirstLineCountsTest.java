package dev.chainrule.optim.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link FirstLine#of} reads besides line 1: the fields of line 2 and, after a first field
 * that is a whole number, the non-blank rows after line 1. A count that is off by one (a blank
 * line counted, line 2 left out) hides the summary line it is read for: scikit-learn's iris.csv
 * begins with 150, its number of rows.
 */
class FirstLineCountsTest {
  @TempDir Path dir;

  @Test
  void theRowsAfterACountAreCountedWithoutBlankLines() throws IOException {
    Path csv = Files.writeString(dir.resolve("counted.csv"),
        "3,2,a,b\n1.5,2,a\n\n2.5,3,b\n3.5,4,a\n");
    FirstLine first = FirstLine.of(csv, ',').orElseThrow();
    assertEquals(List.of("3", "2", "a", "b"), first.fields());
    assertEquals(3, first.nextFields());
    assertEquals(3, first.rows(), "three rows and a blank line after line 1");
    assertEquals(Optional.of("line 1 (3,2,a,b) looks like a summary line rather than a header:"
        + " it begins with 3, the number of rows after it (scikit-learn's CSV files begin with"
        + " the counts of rows and features, then the class names); train reads line 1 as the"
        + " columns' names: replace it with a header that names each column"),
        first.summary("train"));
  }

  @Test
  void aBlankSecondLineIsNoRow() throws IOException {
    Path csv = Files.writeString(dir.resolve("blank.csv"), "2,x,y\n\n1,2,a\n3,4,b\n");
    FirstLine first = FirstLine.of(csv, ',').orElseThrow();
    assertEquals(2, first.rows());
    assertEquals(1, first.nextFields(), "a blank line is one empty field");
  }

  @Test
  void oneRowAfterACountIsOne() throws IOException {
    Path csv = Files.writeString(dir.resolve("one.csv"), "1,x,y\n5,6,a\n");
    FirstLine first = FirstLine.of(csv, ',').orElseThrow();
    assertEquals(1, first.rows());
    assertTrue(first.summary("train").orElseThrow().contains("it begins with 1, the number of"
        + " rows after it"), first::toString);
  }

  @Test
  void rowsAreNotCountedAfterANameAndLineTwoIsStillSplit() throws IOException {
    Path csv = Files.writeString(dir.resolve("named.csv"), "a,b\n1,2,3\n4,5,6\n");
    FirstLine first = FirstLine.of(csv, ',').orElseThrow();
    assertEquals(-1, first.rows());
    assertEquals(3, first.nextFields());
    assertEquals(new FirstLine(List.of("a", "b"), 3, -1, ','), first);
  }

  @Test
  void aSecondLineThatIsNotTextIsNoLineTwo() throws IOException {
    // Its fields are a binary file's pieces: "it has 2 fields where line 2 has 3" would mislead.
    Path csv = Files.writeString(dir.resolve("binary.csv"), "a,b\n1,\u0000,3\n");
    FirstLine first = FirstLine.of(csv, ',').orElseThrow();
    assertEquals(0, first.nextFields());
    assertEquals(Optional.empty(), first.summary("train"));
  }

  @Test
  void onlyARegularFileIsReadAgain() throws IOException {
    Path csv = Files.writeString(dir.resolve("f.csv"), "a,b\n1,2\n");
    assertTrue(FirstLine.rereadable(csv));
    assertFalse(FirstLine.rereadable(dir), "a folder");
    assertFalse(FirstLine.rereadable(dir.resolve("absent.csv")));
    Path devNull = Path.of("/dev/null");
    if (Files.exists(devNull)) {
      assertFalse(FirstLine.rereadable(devNull), "a device: its bytes are read once");
    }
  }
}
