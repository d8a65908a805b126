package dev.chainrule.optim.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A first line that is a data row whose label is text, as in a file without a header (UCI's
 * iris.data, {@code 5.1,3.5,1.4,0.2,Iris-setosa}), is warned of as a line of numbers is: the
 * row was read as the header and lost without a word, since only a line that is all numbers was
 * noted. Headers, numeric names among them, are not.
 */
class DataRowFirstLineTest {
  private static final List<String> IRIS_CLASSES =
      List.of("Iris-setosa", "Iris-versicolor", "Iris-virginica");

  private static FirstLine line(String text) {
    List<String> fields = CsvReader.fields(text, ',', "test");
    return new FirstLine(fields, fields.size(), -1, ',');
  }

  private static Optional<String> dataRow(String text, String label, List<String> classes) {
    return line(text).dataRow(label, classes, "train");
  }

  @Test
  void aLabelThatIsOneOfTheClassesAmongNumbersMarksADataRow() {
    assertEquals(Optional.of("line 1 (5.1,3.5,1.4,0.2,Iris-setosa) looks like a data row rather"
        + " than a header: its label, \"Iris-setosa\", is one of the classes, and every column's"
        + " name but the label's is a number; train reads line 1 as the columns' names, not as a"
        + " row: if the file has no header, add one that names each column"),
        dataRow("5.1,3.5,1.4,0.2,Iris-setosa", "4", IRIS_CLASSES));
    // By its name too (the row's own label, taken as a name), and counted from the end.
    assertTrue(dataRow("5.1,3.5,1.4,0.2,Iris-setosa", "Iris-setosa", IRIS_CLASSES).isPresent());
    assertTrue(dataRow("5.1,3.5,1.4,0.2,Iris-setosa", "-1", IRIS_CLASSES).isPresent());
    assertTrue(dataRow("0.644,0.725,a", "2", List.of("a", "b")).isPresent());
    // In double quotes, as a command line's list gives a name, the column is found as the
    // reader finds it (CsvColumns.labelIndex); FirstLine's own copy of the rule missed it.
    assertTrue(dataRow("5.1,3.5,1.4,0.2,Iris-setosa", "\"Iris-setosa\"", IRIS_CLASSES)
        .isPresent());
  }

  @Test
  void eitherSignAloneIsAHeaders() {
    // A label column named as its class is: spam.csv's header over the classes spam and ham.
    assertEquals(Optional.empty(), dataRow("len,links,spam", "spam", List.of("ham", "spam")));
    assertEquals(Optional.empty(), dataRow("red,small,a", "2", List.of("a", "b")));
    // Names that are numbers, not counting up by one: a spectrum's wavelengths.
    assertEquals(Optional.empty(), dataRow("400,410,420,430,species", "species",
        List.of("a", "b")));
    assertEquals(Optional.empty(), dataRow("0.644,0.725,a", "2", List.of("b", "c")));
    assertEquals(Optional.empty(), dataRow("2,7,3,label", "label", List.of("x", "y")));
  }

  @Test
  void headersAreNotDataRows() {
    String breastCancer = "mean_radius,mean_texture,mean_perimeter,target";
    assertEquals(Optional.empty(), dataRow(breastCancer, "target", List.of("0", "1")));
    assertEquals(Optional.empty(), dataRow("sepal_length,sepal_width,petal_length,petal_width,"
        + "species", "species", IRIS_CLASSES));
    // A year among names, and years alone, are names; so are pandas' names of a NumPy array's
    // columns, 0 to 63, the digits' pixels.
    assertEquals(Optional.empty(), dataRow("country,2019,2020,label", "label", List.of("a")));
    assertEquals(Optional.empty(), dataRow("2019,2020,2021,label", "label", List.of("a")));
    String pandas = IntStream.range(0, 64).mapToObj(Integer::toString)
        .collect(Collectors.joining(",")) + ",target";
    assertEquals(Optional.empty(), dataRow(pandas, "target",
        IntStream.range(0, 10).mapToObj(Integer::toString).toList()));
    // A numeric label on an all-numbers line is summary()'s; an unknown label column, nothing.
    assertEquals(Optional.empty(), dataRow("5.1,3.5,1.4,0.2,0", "4", List.of("0", "1")));
    assertEquals(Optional.empty(), dataRow("0.644,0.725,a", "label", List.of("b")));
    assertEquals(Optional.empty(), dataRow("0.644,0.725,a", null, List.of("a")));
  }

  @Test
  void theRunNotesWarnOfItOnceAndOfASummaryLineFirst() {
    assertEquals(List.of("warning: line 1 (0.644,0.725,a) looks like a data row rather than a"
        + " header: its label, \"a\", is one of the classes, and every column's name but the"
        + " label's is a number; train reads line 1 as the columns' names, not as a row: if the"
        + " file has no header, add one that names each column"),
        line("0.644,0.725,a").runNotes("2", "train", List.of("a", "b")));
    // Without classes (a regression, or the Spark launcher's older call), the numbers alone do
    // not speak.
    assertEquals(List.of(), line("0.644,0.725,a").runNotes("2", "train"));
    assertEquals(List.of("warning: line 1 (1,2,3) is all numbers, like a data row or a summary"
        + " line rather than a header; train reads line 1 as the columns' names: if the file has"
        + " no header, add one that names each column"),
        line("1,2,3").runNotes("label", "train", List.of("3")));
  }

  /**
   * Line 1 is shown as the file has it: a semicolon file's with semicolons (it was shown joined
   * by commas, a line no such file holds), a field that holds the delimiter in double quotes
   * (a name "a,b" read as two fields).
   */
  @Test
  void lineOneIsShownWithTheFilesDelimiterAndQuotes(@TempDir Path dir) throws IOException {
    Path semicolons = Files.writeString(dir.resolve("s.csv"), "1;2;3\n4;5;6\n");
    assertEquals(Optional.of("line 1 (1;2;3) is all numbers, like a data row or a summary line"
        + " rather than a header; train reads line 1 as the columns' names: if the file has no"
        + " header, add one that names each column"),
        FirstLine.of(semicolons, ';').orElseThrow().summary("train"));
    Path commas = Files.writeString(dir.resolve("c.csv"),
        "a,\"2,5\",\"say \"\"hi\"\"\",4\n1,2,3,4,5\n");
    assertEquals(Optional.of("line 1 (a,\"2,5\",\"say \"\"hi\"\"\",4) looks like a summary"
        + " line rather than a header: it has 4 fields where line 2 has 5"), FirstLine.of(commas,
            ',').orElseThrow().summary("train").map(s -> s.substring(0, s.indexOf(" (scikit"))));
  }

  /**
   * A tab between the fields of line 1 is shown as \t, as --delimiter takes it: raw tabs made
   * "line 1 (1.5<TAB>2.5<TAB>a)" print as fields run together by blanks. A tab-separated field
   * that holds a comma needs no quotes.
   */
  @Test
  void aTabIsShownAsBackslashT(@TempDir Path dir) throws IOException {
    Path tabs = Files.writeString(dir.resolve("nh.tsv"), "1.5\t2.5\ta\n1.0\t2.0\tb\n");
    assertEquals(Optional.of("line 1 (1.5\\t2.5\\ta) looks like a data row rather than a"
        + " header: its label, \"a\", is one of the classes, and every column's name but the"
        + " label's is a number; train reads line 1 as the columns' names, not as a row: if the"
        + " file has no header, add one that names each column"), FirstLine.of(tabs, '\t')
            .orElseThrow().dataRow("2", List.of("a", "b"), "train"));
    Path comma = Files.writeString(dir.resolve("c.tsv"), "1\t2,5\n1\t2\t3\n");
    assertTrue(FirstLine.of(comma, '\t').orElseThrow().summary("train").orElseThrow()
        .startsWith("line 1 (1\\t2,5) looks like a summary line"));
  }
}
