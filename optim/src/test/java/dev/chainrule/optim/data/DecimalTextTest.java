package dev.chainrule.optim.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * DecimalText reads a number as Double.parseDouble does, bit for bit (no tolerance: a CSV file
 * must train the same model as before the fast path); LongFieldsTest compares what it accepts
 * with the pattern it replaced.
 */
class DecimalTextTest {
  @Test
  void edgesReadAsParseDoubleReadsThem() {
    for (String text : List.of("0", "-0", "+0", "-0.0", "0.", ".0", "-.0", "5.", ".5", "+.5",
        "000123", "-000.000100", "17.99", "0.1", "0.3", "2.675", "1e5", "1.e-3", "-2E+10",
        "999999999999999", "9999999999999999", "9007199254740993", "123456789012345.6",
        "0.0000000000000000000001", "0.00000000000000000000001", "1.7976931348623157",
        "4.9e-324", "1e400", "123456789012345678901234567890", "0.30000000000000004")) {
      assertTrue(DecimalText.matches(text), text);
      assertSameBits(text);
    }
    for (String text : List.of("", "+", "-", ".", "e5", ".e5", "1e", "1e+", "1.2.3", "1x",
        "0x1p3", "1d", "2f", "١", "1 ", " 1", "--1", "1e5.0")) {
      assertFalse(DecimalText.matches(text), text);
    }
  }

  /** Random decimals of every length on both sides of the fast path's limits. */
  @Test
  void randomDecimalsReadAsParseDoubleReadsThem() {
    SplittableRandom random = new SplittableRandom(46);
    for (int trial = 0; trial < 300_000; trial++) {
      StringBuilder text = new StringBuilder();
      text.append(random.nextInt(4) == 0 ? "-" : random.nextInt(8) == 0 ? "+" : "");
      int zeros = random.nextInt(6) == 0 ? random.nextInt(4) : 0;
      text.append("0".repeat(zeros));
      digits(text, random, random.nextInt(zeros > 0 ? 0 : 1, 20));
      if (random.nextBoolean()) {
        text.append('.');
        digits(text, random, random.nextInt(text.length() > 1 ? 0 : 1, 26));
      }
      if (random.nextInt(10) == 0) {
        text.append(random.nextBoolean() ? 'e' : 'E').append(random.nextInt(-330, 330));
      }
      String t = text.toString();
      if (DecimalText.matches(t)) {
        assertSameBits(t);
      }
    }
  }

  private static void digits(StringBuilder text, SplittableRandom random, int count) {
    for (int i = 0; i < count; i++) {
      text.append((char) ('0' + random.nextInt(10)));
    }
  }

  private static void assertSameBits(String text) {
    assertEquals(Double.doubleToRawLongBits(Double.parseDouble(text)),
        Double.doubleToRawLongBits(DecimalText.value(text)), text);
  }
}
