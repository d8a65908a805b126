package dev.chainrule.optim.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Refusals that name the whole way out in one run: every column of text (a Titanic-like file
 * was refused once per column, each run naming one more {@code --drop}), a column with no value
 * in any row (whose advice, {@code --missing drop}, left out every row), and a header repeated
 * mid-file by joining files ("\"x\" is not a number; leave it out with --drop x").
 */
class WholeColumnRefusalsTest {
  private static final String TITANIC = """
      PassengerId,Survived,Pclass,Name,Sex,Age,Ticket,Fare
      1,0,3,"Name0, Mr",male,33,A/5 21171,16.20
      2,1,2,"Name1, Mr",female,27,T1,13.92
      3,0,2,"Name2, Mr",female,,T2,71.10
      """;

  private static CsvData read(CsvReader.Builder reader, String text) throws IOException {
    return reader.build().read(new StringReader(text), "titanic.csv");
  }

  @Test
  void everyTextColumnIsNamedWithItsFirstCell() {
    NotANumberException e = assertThrows(NotANumberException.class,
        () -> read(CsvReader.builder().labelColumn("Survived"), TITANIC));
    // Age's empty cell on line 4 is missing, not text.
    assertEquals("titanic.csv: line 2, column 4 (Name): \"Name0, Mr\" is not a number; text in"
        + " other columns too: Sex (column 5, line 2: \"male\"), Ticket (column 7, line 2:"
        + " \"A/5 21171\")", e.getMessage());
    assertEquals(List.of("Name", "Sex", "Ticket"), e.columns());
    assertEquals("Name", e.column());
    assertEquals("; if the columns hold text (names, ids), leave them out with --drop"
        + " Name,Sex,Ticket", e.commandLineAdvice(null, false));
    assertEquals("; if the columns hold text (names, ids), leave them out with --drop"
        + " PassengerId,Name,Sex,Ticket", e.commandLineAdvice(List.of("PassengerId"), false));
  }

  @Test
  void oneTextColumnIsRefusedAsBefore() {
    NotANumberException e = assertThrows(NotANumberException.class, () -> read(
        CsvReader.builder().labelColumn("Survived").drop(List.of("Sex", "Ticket")), TITANIC));
    assertEquals("titanic.csv: line 2, column 4 (Name): \"Name0, Mr\" is not a number",
        e.getMessage());
    assertEquals("; if the column holds text (names, ids), leave it out with --drop"
        + " Sex,Ticket,Name", e.commandLineAdvice(List.of("Sex", "Ticket"), false));
  }

  @Test
  void aColumnWithNoValueInAnyRowIsNamedForLeavingOut() {
    String text = "x,notes,blank,label\n1,,NA,a\n2,,,b\n3,, ,a\n";
    MissingValueException e = assertThrows(MissingValueException.class,
        () -> read(CsvReader.builder(), text));
    assertEquals("titanic.csv: line 2, column 2 (notes): empty cell; columns notes, blank have"
        + " no value in any of the 3 rows", e.getMessage());
    assertEquals(List.of("notes", "blank"), e.emptyColumns());
    assertEquals(e.getMessage() + "; leave them out (--drop notes,blank)",
        CsvCommandLine.missingValueAdvice(e, true,
            names -> CsvCommandLine.leaveOut(names, null, null)));
    // Where the features are fixed (a loaded model's), no option leaves a column out, and
    // --missing drop would leave no row.
    assertEquals(e.getMessage(), CsvCommandLine.missingValueAdvice(e, true));
  }

  @Test
  void aColumnWithAValueSomewhereKeepsTheMissingDropAdvice() {
    MissingValueException e = assertThrows(MissingValueException.class,
        () -> read(CsvReader.builder(), "x,notes,label\n1,,a\n2,5,b\n"));
    assertEquals("titanic.csv: line 2, column 2 (notes): empty cell", e.getMessage());
    assertEquals(List.of(), e.emptyColumns());
    assertEquals(e.getMessage() + "; --missing drop leaves such rows out",
        CsvCommandLine.missingValueAdvice(e, true, names -> "--drop " + names));
    // Past the first row, earlier rows had a value there: no pass over the rest.
    assertEquals("titanic.csv: line 3, column 2 (notes): empty cell",
        assertThrows(MissingValueException.class,
            () -> read(CsvReader.builder(), "x,notes,label\n1,4,a\n2,,b\n3,,b\n")).getMessage());
  }

  @Test
  void aRepeatedHeaderIsNamedAsSuch() {
    String part = "x,y,label\n0.6,0.7,a\n3.0,-2.3,b\n";
    assertEquals("titanic.csv: line 4 repeats the header (x, y, label): were files joined, each"
        + " with its header? Remove the line", assertThrows(DataFormatException.class,
            () -> read(CsvReader.builder(), part + part)).getMessage());
    // A name that begins with a comma is listed in quotes too, as the file has it.
    assertEquals("titanic.csv: line 3 repeats the header (\",x\", y): were files joined, each"
        + " with its header? Remove the line", assertThrows(DataFormatException.class,
            () -> read(CsvReader.builder(), "\",x\",y\n1,a\n\",x\",y\n2,b\n")).getMessage());
    // Read as classes alone, its label made one more class, "label".
    assertThrows(DataFormatException.class,
        () -> read(CsvReader.builder().drop(List.of("x", "y")), part + part));
  }

  @Test
  void aRowOfNumbersEqualToANumericHeaderIsData() throws IOException {
    CsvData data = read(CsvReader.builder().labelColumn("1"), "0,1\n0,1\n1,0\n");
    assertEquals(2, data.dataset().size());
  }
}
