package dev.chainrule.optim.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.core.Tensor;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The no-break spaces that {@link String#strip} keeps (U+00A0, U+2007, U+202F: spreadsheets and
 * web pages write them) are taken off a field as ordinary spaces are. Before, a label "yes" with
 * one after it was a third class printed as "yes", a header name with one was no column "y", and
 * a number with one was "not a number".
 */
class NoBreakSpacesTest {
  private static CsvData read(CsvReader.Builder reader, String text) throws IOException {
    return reader.build().read(new StringReader(text), "nbsp.csv");
  }

  @Test
  void aLabelWithANoBreakSpaceIsTheClassWithout() throws IOException {
    for (String space : List.of("\u00A0", "\u2007", "\u202F")) {
      CsvData data = read(CsvReader.builder(),
          "x,label\n1,yes\n2,no\n3,yes" + space + "\n4," + space + "\"yes\"\n5,\"no" + space
              + "\"\n");
      assertEquals(List.of("no", "yes"), data.classNames(), "U+" + hex(space));
      assertEquals(Tensor.vector(1, 0, 1, 1, 0), data.dataset().labels(), "U+" + hex(space));
    }
  }

  @Test
  void aHeaderNameWithANoBreakSpaceIsFoundWithout() throws IOException {
    CsvData data = read(CsvReader.builder().labelColumn("y"), "x,y\u00A0,label\u202F\n1,a,2\n");
    assertEquals(List.of("x", "label"), data.featureNames());
    assertEquals("y", data.labelName());
  }

  @Test
  void aNumberWithANoBreakSpaceIsTheNumber() throws IOException {
    CsvData data = read(CsvReader.builder(), "x,y,label\n3.1\u00A0,\u2007-2,a\n");
    assertEquals(Tensor.matrix(new double[][] {{3.1, -2}}), data.dataset().features());
  }

  @Test
  void aSpaceInsideAFieldStays() throws IOException {
    // Only the spaces around a field are taken off: a class named with one inside keeps it.
    CsvData data = read(CsvReader.builder(), "x,label\n1,New\u00A0York\n2,Paris\n");
    assertEquals(List.of("New\u00A0York", "Paris"), data.classNames());
  }

  private static String hex(String c) {
    return String.format(Locale.ROOT, "%04X", (int) c.charAt(0));
  }
}
