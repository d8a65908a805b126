package dev.chainrule.optim.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Whole-number metadata entries are read as numbers, whatever their spelling. */
class MetadataNumbersTest {
  @Test
  void wholeNumbersOfAnySpellingAreRead() {
    assertEquals(OptionalLong.of(0), MetadataNumbers.whole("0"));
    assertEquals(OptionalLong.of(0), MetadataNumbers.whole("0.0"));
    assertEquals(OptionalLong.of(0), MetadataNumbers.whole(" 0"));
    assertEquals(OptionalLong.of(0), MetadataNumbers.whole("-0"));
    assertEquals(OptionalLong.of(3), MetadataNumbers.whole("+3"));
    assertEquals(OptionalLong.of(3), MetadataNumbers.whole("3e0\n"));
    assertEquals(OptionalLong.of(300), MetadataNumbers.whole("3E+2"));
    assertEquals(OptionalLong.of(-1), MetadataNumbers.whole("-1.000"));
    assertEquals(OptionalLong.of(Long.MAX_VALUE), MetadataNumbers.whole("9223372036854775807"));
    assertEquals(OptionalLong.of(1000), MetadataNumbers.whole("1e3"));
    assertEquals(OptionalLong.of(0), MetadataNumbers.whole("+0"));
    assertEquals(OptionalLong.of(2), MetadataNumbers.whole("\t2.\r\n"));
    assertEquals(OptionalLong.of(0), MetadataNumbers.whole(".0"));
  }

  /**
   * BigDecimal reads any script's digits (Character.digit) and strip() removes any Unicode
   * blank: a file's "١٢" was 12. An entry is ASCII, as the files this library writes are.
   */
  @Test
  void onlyAsciiDigitsAndBlanksAreRead() {
    for (String text : new String[] {"\u0661\u0662", "\uff11\uff12", "\u2003 5\u3000", "5\u00a0",
        "\u0967", "1\u0660"}) {
      assertEquals(OptionalLong.empty(), MetadataNumbers.whole(text), "'" + text + "'");
    }
  }

  /**
   * A damaged header may hold megabytes in one entry; BigDecimal's time grows with the square
   * of the digits (800,000 took 8.6 s). Text beyond 64 characters is refused without parsing,
   * even a whole number written with many zeros.
   */
  @Test
  void longTextIsRefusedWithoutParsing() {
    String digits = "1".repeat(1_000_000);
    long start = System.nanoTime();
    assertEquals(OptionalLong.empty(), MetadataNumbers.whole(digits));
    assertEquals(OptionalLong.empty(), MetadataNumbers.whole("1." + "0".repeat(100)));
    // A second is ample for a length check; parsing these digits took over ten.
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(millis < 1_000, "took " + millis + " ms");
    assertEquals(OptionalLong.of(1), MetadataNumbers.whole("1." + "0".repeat(60)));
    // 64 characters are read, 65 are not: the limit is on the text, whatever it spells.
    assertEquals(OptionalLong.of(7), MetadataNumbers.whole("0".repeat(63) + "7"));
    assertEquals(OptionalLong.empty(), MetadataNumbers.whole("0".repeat(64) + "7"));
  }

  /** An int's count: whole() as it reads, then only what an int holds. */
  @Test
  void wholeIntReadsAsWholeDoesWithinAnIntsRange() {
    assertEquals(OptionalInt.of(12), MetadataNumbers.wholeInt(" 1.2e1"));
    assertEquals(OptionalInt.of(Integer.MAX_VALUE), MetadataNumbers.wholeInt("2147483647"));
    assertEquals(OptionalInt.of(Integer.MIN_VALUE), MetadataNumbers.wholeInt("-2147483648"));
    assertEquals(OptionalInt.empty(), MetadataNumbers.wholeInt("2147483648"));
    assertEquals(OptionalInt.empty(), MetadataNumbers.wholeInt("4294967308"), "2^32 + 12");
    assertEquals(OptionalInt.empty(), MetadataNumbers.wholeInt("twelve"));
  }

  @Test
  void whatIsNoWholeNumberOfALongIsEmpty() {
    for (String text : new String[] {"", " ", "three", "0.5", "1e-1", "3 steps", "0x10", "NaN",
        "Infinity", "9223372036854775808", "1e19", "1e2147483648", "1e99999999999", "1_000",
        "1,000", "--1", "+-1", "1.2.3", "e3", ".", "1e", "3d", "3L", "0x1p3"}) {
      assertEquals(OptionalLong.empty(), MetadataNumbers.whole(text), "'" + text + "'");
    }
  }

  @Test
  void nullIsRefusedByName() {
    NullPointerException e = assertThrows(NullPointerException.class,
        () -> MetadataNumbers.whole(null));
    assertEquals("MetadataNumbers.whole: text is null", e.getMessage());
  }
}
