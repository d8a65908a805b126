package dev.chainrule.examples.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * predict's count of a model's columns a file lacks: given only where it adds to the reader's
 * refusal of the first, and then every one counted.
 */
class MissingModelColumnsTest {
  @TempDir Path dir;

  private String clause(String header, List<String> features, String refused)
      throws IOException {
    Path csv = Files.writeString(dir.resolve("rows.csv"), header + "\n1,2,3\n");
    return MissingModelColumns.clause(csv, ',', features,
        "predict: rows.csv has no column named \"" + refused + "\"");
  }

  @Test
  void countsAndNamesTheColumnsMissingBeyondTheFirst() throws IOException {
    assertEquals("; 2 of its 4 columns are missing: c, d",
        clause("a,b,label", List.of("a", "b", "c", "d"), "c"));
    // Five named in full; past five, the count says how many more.
    assertEquals("; 5 of its 6 columns are missing: b, c, d, e, f",
        clause("a,label", List.of("a", "b", "c", "d", "e", "f"), "b"));
    assertEquals("; 6 of its 7 columns are missing: b, c, d, e, f, …",
        clause("a,label", List.of("a", "b", "c", "d", "e", "f", "g"), "b"));
  }

  @Test
  void saysNothingWhereTheRefusalSaysAll() throws IOException {
    // One missing: the refusal named it.
    assertEquals("", clause("a,b,label", List.of("a", "b", "c"), "c"));
    // None there: another file, or one without a header; the refusal's note speaks to that.
    assertEquals("", clause("x,y,label", List.of("a", "b"), "a"));
    // The refusal named another column than the first missing one: the count could be wrong.
    assertEquals("", clause("a,label", List.of("a", "b", "c"), "c"));
    // No header to read.
    Path empty = Files.writeString(dir.resolve("empty.csv"), "");
    assertEquals("", MissingModelColumns.clause(empty, ',', List.of("a", "b", "c"),
        "predict: empty.csv has no column named \"b\""));
  }
}
