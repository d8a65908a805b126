package dev.chainrule.optim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Numbers for people in exponent form only where shorter: a divergence advised "--lr 3e1" for
 * {@code --lr 30} and "--lr 1e1" for 10, BigDecimal's form of every whole number with trailing
 * zeros.
 */
class ReadableNumberTest {
  @Test
  void wholeNumbersArePlainUnlessTheExponentIsShorter() {
    assertEquals("30", ReadableNumber.of(30));
    assertEquals("10", ReadableNumber.of(10));
    assertEquals("100", ReadableNumber.of(100), "as long as 1e2: plain");
    assertEquals("250", ReadableNumber.of(250), "not 2.5e2");
    assertEquals("12000", ReadableNumber.of(12000), "as long as 1.2e4: plain");
    assertEquals("1e3", ReadableNumber.of(1000));
    assertEquals("1e9", ReadableNumber.of(1e9));
    assertEquals("-30", ReadableNumber.of(-30));
    assertEquals("7", ReadableNumber.of(7));
  }

  @Test
  void fractionsAreAsBefore() {
    assertEquals("0.0001", ReadableNumber.of(1e-4), "BigDecimal's plain form to 1e-6, as before");
    assertEquals("1e-7", ReadableNumber.of(1e-7));
    assertEquals("0.003", ReadableNumber.of(0.003));
    assertEquals("2.5e-7", ReadableNumber.of(2.5e-7));
    assertEquals("0.1", ReadableNumber.of(0.1));
    assertEquals("1230", ReadableNumber.rounded(1234.5, 3), "not 1.23e3");
    assertEquals("1.23e6", ReadableNumber.rounded(1_234_567, 3));
  }

  @Test
  void oneDigitIsTheFewestAndWhatIsNoNumberIsWrittenAsJavaWritesIt() {
    assertEquals("1e3", ReadableNumber.rounded(1234.5, 1));
    assertEquals("-0.3", ReadableNumber.rounded(-0.1 - 0.1 - 0.1, 1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ReadableNumber.rounded(1234.5, 0));
    assertEquals("ReadableNumber.rounded: digits must be at least 1, got 0", e.getMessage());
    assertEquals("NaN", ReadableNumber.of(Double.NaN));
    assertEquals("-Infinity", ReadableNumber.of(Double.NEGATIVE_INFINITY));
    assertEquals("Infinity", ReadableNumber.rounded(Double.POSITIVE_INFINITY, 3));
  }
}
