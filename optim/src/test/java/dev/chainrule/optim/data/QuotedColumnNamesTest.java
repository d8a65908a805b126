package dev.chainrule.optim.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A column name as a command line gives it: the header name as typed first, then the name
 * inside one pair of double quotes, for every column option alike. A list option splits at
 * commas but not inside double quotes, which it keeps, so {@code "name, full"} is how a name
 * holding a comma is given; and a header name that really is in quotes ({@code """id"""} in the
 * file names {@code "id"}) was refused as typed once the quotes were always taken off.
 */
class QuotedColumnNamesTest {
  /** Header names {@code "id"} (its quotes part of it), {@code name, full}, x and y. */
  private static final String FILE = """
      \"""id\""",x,"name, full",y
      1,0.5,2,a
      2,1.5,3,b
      3,2.5,4,a
      4,3.5,5,b
      """;

  private static CsvData read(CsvReader.Builder reader) throws IOException {
    return reader.build().read(new StringReader(FILE), "q.csv");
  }

  private static String refusal(CsvReader.Builder reader) {
    return assertThrows(ColumnChoiceException.class, () -> read(reader)).getMessage();
  }

  @Test
  void aNameReallyInQuotesIsFoundAsTyped() throws IOException {
    assertEquals(List.of("x", "name, full"), read(CsvReader.builder().labelColumn("y")
        .drop(List.of("\"id\""))).featureNames());
    assertEquals(List.of("\"id\"", "x"), read(CsvReader.builder().labelColumn("y")
        .features(List.of("\"id\"", "x"))).featureNames());
    // A second pair, as the program's advice writes such a name, is taken off.
    assertEquals(List.of("x", "name, full"), read(CsvReader.builder().labelColumn("y")
        .drop(List.of("\"\"id\"\""))).featureNames());
  }

  @Test
  void aNameWithACommaIsFoundInQuotes() throws IOException {
    assertEquals(List.of("\"id\"", "x"), read(CsvReader.builder().labelColumn("y")
        .drop(List.of("\"name, full\""))).featureNames());
    assertEquals(List.of("name, full"), read(CsvReader.builder().labelColumn("y")
        .features(List.of("\"name, full\""))).featureNames());
    // As a program gives it, with no split to get past: the exact name.
    assertEquals(List.of("\"id\"", "x"), read(CsvReader.builder().labelColumn("y")
        .drop(List.of("name, full"))).featureNames());
  }

  /** --label (and a label by name or position) reads the name as the list options do. */
  @Test
  void theLabelIsFoundTheSameWay() throws IOException {
    assertEquals("y", read(CsvReader.builder().labelColumn("\"y\"")).labelName());
    assertEquals("y", read(CsvReader.builder().labelColumnNamedOrAt("\"y\"")
        .features(List.of("x"))).labelName());
    assertEquals("\"id\"", read(CsvReader.builder().labelColumnNamedOrAt("\"id\"").regression()
        .features(List.of("x"))).labelName());
  }

  /** A name found neither way says both were tried; a header name in quotes says so. */
  @Test
  void aQuotingSlipIsNamedInTheRefusal() {
    assertEquals("q.csv: line 1: no column named \"\"ids\"\", with or without its surrounding"
        + " double quotes, in the header (\"id\", x, \"name, full\", y)",
        refusal(CsvReader.builder().labelColumn("y").drop(List.of("\"ids\""))));
    // "name, full" in quotes: listed bare, it read as two columns, name and full.
    assertEquals("q.csv: line 1: no column named \"id\" in the header (\"id\", x, \"name, full\","
        + " y) (the header's \"id\" has double quotes as part of the name: give them too)",
        refusal(CsvReader.builder().labelColumn("y").drop(List.of("id"))));
    assertEquals("q.csv: line 1: the feature column \"x\" is named twice, once in double quotes",
        refusal(CsvReader.builder().labelColumn("y").features(List.of("x", "\"x\""))));
  }

  @Test
  void oneSurroundingPairIsTakenOff() {
    assertEquals("name, full", CsvColumns.unquoted("\"name, full\""));
    assertEquals("\"q\"", CsvColumns.unquoted("\"\"q\"\""));
    assertEquals("say \"hi\"", CsvColumns.unquoted("say \"hi\""));
    assertEquals("\"", CsvColumns.unquoted("\""));
    assertEquals("b", CsvColumns.unquoted("b"));
  }
}
