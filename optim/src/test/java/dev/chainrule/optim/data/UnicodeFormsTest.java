package dev.chainrule.optim.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * One name in two Unicode forms: "café" with a composed é (U+00E9) and with e and a combining
 * accent (U+0065 U+0301). As labels they became two classes that printed alike, without a word;
 * as a column name typed one way and written the other in the header, the refusal listed a
 * header that seemed to hold the name.
 */
class UnicodeFormsTest {
  private static final String COMPOSED = "caf\u00E9";
  private static final String DECOMPOSED = "cafe\u0301";

  private static CsvData read(CsvReader.Builder reader, String text) throws IOException {
    return reader.build().read(new StringReader(text), "u.csv");
  }

  @Test
  void theDifferingCodePointsAreNamed() {
    assertEquals(List.of("U+00E9", "U+0065 U+0301"),
        UnicodeForms.differences(List.of(COMPOSED, DECOMPOSED)));
    assertEquals(List.of("U+0065 U+0301", "U+00E9"),
        UnicodeForms.differences(List.of("e\u0301t\u00E9", "\u00E9t\u00E9")));
    // Three forms: what all share at the ends is left out, here nothing.
    assertEquals(List.of("U+0065 U+0301 U+0074 U+00E9", "U+00E9 U+0074 U+00E9",
        "U+00E9 U+0074 U+0065 U+0301"), UnicodeForms.differences(
            List.of("e\u0301t\u00E9", "\u00E9t\u00E9", "\u00E9te\u0301")));
    // A character beyond the BMP is not cut between its surrogates.
    assertEquals(List.of("U+1D400", "U+1D401"),
        UnicodeForms.differences(List.of("\uD835\uDC00", "\uD835\uDC01")));
    assertEquals(List.of("U+1D400", "U+1D000"),
        UnicodeForms.differences(List.of("\uD835\uDC00", "\uD834\uDC00")));
    assertTrue(UnicodeForms.alike(COMPOSED, DECOMPOSED));
    assertFalse(UnicodeForms.alike(COMPOSED, COMPOSED), "equal texts are no two forms");
    assertFalse(UnicodeForms.alike("cafe", COMPOSED), "no accent is another name");
  }

  /**
   * A text that begins or ends the other: the ends shared are counted once in the shorter, so
   * "aa" and "aaa" differ by one "a", whichever comes first, and nothing is read past an end.
   */
  @Test
  void aPartSharedAtBothEndsOfTheShorterTextIsCountedOnce() {
    assertEquals(List.of("", "U+0061"), UnicodeForms.differences(List.of("aa", "aaa")));
    assertEquals(List.of("U+0061", ""), UnicodeForms.differences(List.of("aaa", "aa")));
  }

  @Test
  void classesThatAreOneNameInTwoFormsAreWarnedOf() throws IOException {
    CsvData data = read(CsvReader.builder().labelColumn("y"), "a,y\n1," + DECOMPOSED + "\n2,tea\n"
        + "3,tea\n4," + COMPOSED + "\n5," + DECOMPOSED + "\n");
    assertEquals(3, data.classNames().size(), "the file's labels are kept as written");
    assertEquals(Optional.of("warning: classes \"" + DECOMPOSED + "\" (line 2 of u.csv, U+0065"
        + " U+0301) and \"" + COMPOSED + "\" (line 5, U+00E9) are one name in different Unicode"
        + " forms (an accent composed with its letter, or written after it) and print alike, but"
        + " each is a class of its own; if one was meant, write the file's labels one way"),
        InvisibleClassNames.warning(data, "u.csv"));
    CsvData one = read(CsvReader.builder().labelColumn("y"), "a,y\n1," + COMPOSED + "\n2,tea\n");
    assertEquals(Optional.empty(), InvisibleClassNames.warning(one, "u.csv"));
  }

  /**
   * U+212B ANGSTROM SIGN is U+00C5 in NFC, with no accent written apart: the warning said the
   * forms were "an accent composed with its letter, or written after it".
   */
  @Test
  void formsThatDifferByNoAccentAreNamedInGeneralWords() throws IOException {
    CsvData data = read(CsvReader.builder().labelColumn("y"), "a,y\n1,\u212Bngstr\u00F6m\n"
        + "2,\u00C5ngstr\u00F6m\n3,plain\n");
    assertEquals(Optional.of("warning: classes \"\u00C5ngstr\u00F6m\" (line 3 of u.csv, U+00C5)"
        + " and \"\u212Bngstr\u00F6m\" (line 2, U+212B) are one name in different Unicode"
        + " forms (the composed form, NFC, and another) and print alike, but each is a class of"
        + " its own; if one was meant, write the file's labels one way"),
        InvisibleClassNames.warning(data, "u.csv"));
    // Beside a group that differs by an accent, the general words, true of both.
    CsvData both = read(CsvReader.builder().labelColumn("y"), "a,y\n1,\u212B\n2,\u00C5\n3,"
        + COMPOSED + "\n4," + DECOMPOSED + "\n");
    assertTrue(InvisibleClassNames.warning(both, "u.csv").orElseThrow().contains(" are, group by"
        + " group, one name in different Unicode forms (the composed form, NFC, and another)"),
        () -> InvisibleClassNames.warning(both, "u.csv").orElseThrow());
    assertFalse(UnicodeForms.accented(List.of("\u212B", "\u00C5")));
    assertTrue(UnicodeForms.accented(List.of(COMPOSED, DECOMPOSED)));
  }

  @Test
  void aNameTypedInAnotherFormThanTheHeadersIsPointedOut() {
    ColumnChoiceException e = assertThrows(ColumnChoiceException.class, () -> read(
        CsvReader.builder().labelColumn("y").features(List.of(COMPOSED)),
        DECOMPOSED + ",b,y\n1,2,a\n"));
    assertEquals("u.csv: line 1: no column named \"" + COMPOSED + "\" in the header ("
        + DECOMPOSED + ", b, y) (the header's \"" + DECOMPOSED + "\" is the name given in another"
        + " Unicode form: U+0065 U+0301 there, U+00E9 as given; copy the name from the file's"
        + " header, or write its accents one way)", e.getMessage());
  }
}
