package dev.chainrule.optim.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A column name not found offers the header's names a slip of typing away: in a header of more
 * than ten names the list shows only the first ten, so {@code --label diagnosys} for the 31st
 * column, {@code diagnosis}, was refused without the name it meant anywhere in the message.
 */
class CloseNamesTest {
  private static final String LONG_HEADER =
      "a1,a2,a3,a4,a5,a6,a7,a8,a9,a10,mean_raduis,diagnosis\n";

  private static ColumnChoiceException refusal(CsvReader.Builder builder, String text) {
    return assertThrows(ColumnChoiceException.class,
        () -> builder.build().read(new StringReader(text), "bc.csv"));
  }

  @Test
  void aLabelTypedWithASlipNamesTheColumnMeant() {
    ColumnChoiceException e = refusal(CsvReader.builder().labelColumn("diagnosys"),
        LONG_HEADER + "1,2,3,4,5,6,7,8,9,10,11,b\n");
    assertEquals("bc.csv: line 1: no column named \"diagnosys\" in the header (a1, a2, a3, a4,"
        + " a5, a6, a7, a8, a9, a10, … (12 columns)) (did you mean \"diagnosis\"?)",
        e.getMessage());
  }

  @Test
  void aSlipInTheHeaderIsPointedOutFromTheNameAsked() {
    // Two letters swapped in the file's header: one edit, as in the program's option hints.
    ColumnChoiceException e = refusal(
        CsvReader.builder().labelColumn("diagnosis").features(List.of("mean_radius")),
        LONG_HEADER + "1,2,3,4,5,6,7,8,9,10,11,b\n");
    assertEquals("bc.csv: line 1: no column named \"mean_radius\" in the header (a1, a2, a3,"
        + " a4, a5, a6, a7, a8, a9, a10, … (12 columns)) (did you mean \"mean_raduis\"?)",
        e.getMessage());
  }

  @Test
  void shortOrFarNamesOfferNothing() {
    // "f5" is one edit from each of f1 to f4: a guess among four is no hint.
    ColumnChoiceException shortName = refusal(
        CsvReader.builder().labelColumn("y").features(List.of("f5")),
        "f1,f2,f3,f4,y\n1,2,3,4,a\n");
    assertEquals("bc.csv: line 1: no column named \"f5\" in the header (f1, f2, f3, f4, y)",
        shortName.getMessage());
    ColumnChoiceException far = refusal(CsvReader.builder().labelColumn("species"),
        "sepal,petal,kind\n1,2,a\n");
    assertEquals("bc.csv: line 1: no column named \"species\" in the header (sepal, petal, kind)",
        far.getMessage());
  }

  @Test
  void theCaseHintComesAloneAndTheClosestFirst() {
    // A name in another case is the one meant; close spellings beside it would blur that.
    ColumnChoiceException cased = refusal(CsvReader.builder().labelColumn("Label"),
        "label,lab3l,x\nb,1,2\n");
    assertEquals("bc.csv: line 1: no column named \"Label\" in the header (label, lab3l, x)"
        + " (did you mean \"label\"?)", cased.getMessage());
    // Two edits at most for a longer name (weight_kg is three away), the closest first.
    assertEquals(List.of("weights", "height"),
        CloseNames.of(List.of("height", "weight_kg", "weights"), "weightz"));
    assertEquals(1, TypingDistance.between("raduis", "radius"), "a swap is one edit");
  }
}
