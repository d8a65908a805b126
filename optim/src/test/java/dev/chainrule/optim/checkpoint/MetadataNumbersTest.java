package dev.chainrule.optim.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
  }

  @Test
  void whatIsNoWholeNumberOfALongIsEmpty() {
    for (String text : new String[] {"", " ", "three", "0.5", "1e-1", "3 steps", "0x10", "NaN",
        "Infinity", "9223372036854775808", "1e19", "1e2147483648"}) {
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
