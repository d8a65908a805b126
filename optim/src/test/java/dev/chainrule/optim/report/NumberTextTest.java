package dev.chainrule.optim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Values as Python's repr writes them: the expected texts are Python 3's {@code repr} of the same
 * doubles (where Java wrote 1.0E7, 2.9475555537329407E-5 and 1.0E16), and numpy's of the same
 * float32 values.
 */
class NumberTextTest {
  @Test
  void doublesReadAsPythonWritesThem() {
    double[] values = {1e7, 3.124530060198345E7, 9999999.0, 0.001, 0.00099, 1e-4, 1.5e-5,
        2.9475555537329407E-5, 1e16, 1.2345e16, 123456789012345.6, -1e7, -2.5e-7, 1e300,
        Double.MIN_VALUE, Double.MAX_VALUE, 2500.0, 0.0, -0.0};
    String[] python = {"10000000.0", "31245300.60198345", "9999999.0", "0.001", "0.00099",
        "0.0001", "1.5e-05", "2.9475555537329407e-05", "1e+16", "1.2345e+16",
        "123456789012345.6", "-10000000.0", "-2.5e-07", "1e+300", "5e-324",
        "1.7976931348623157e+308", "2500.0", "0.0", "-0.0"};
    for (int i = 0; i < values.length; i++) {
      assertEquals(python[i], NumberText.of(values[i]), "Java writes " + values[i]);
    }
  }

  @Test
  void digitsAreTheShortestWhereJava17sAreNot() {
    // Java 17 writes all but the third with digits to spare (JDK-4511638, fixed in JDK 19):
    // 9.999999999999999E22, 2.82879384806159008E17 and, as floats, 1.00000003E16, 2.08595251E9,
    // 2.8E-45 and 1.17549435E-38; the expected texts are Python's repr and numpy's.
    assertEquals("1e+23", NumberText.of(1e23));
    assertEquals("2.82879384806159e+17", NumberText.of(2.82879384806159e17));
    assertEquals("-1e-300", NumberText.of(-1e-300));
    assertEquals("1e+16", NumberText.of(1e16f));
    assertEquals("2085952500.0", NumberText.of(2085952500f));
    assertEquals("3e-45", NumberText.of(3e-45f));
    assertEquals("1.1754944e-38", NumberText.of(Float.MIN_NORMAL));
  }

  /**
   * Where the two p-digit neighbours of the shortest length both read back and lie equally far
   * from the value, the even one is written, as Python's repr writes it: 2^50 + 0.25 and
   * 2^50 + 0.75 (exact doubles, a quarter apart from their neighbours) read as ...624.2 and
   * ...624.8; sixteen digits (...624 or ...625) are other doubles.
   */
  @Test
  void aTieBetweenTwoShortestDigitsGoesToTheEvenOne() {
    assertEquals("1125899906842624.2", NumberText.of(0x1p50 + 0.25));
    assertEquals("1125899906842624.8", NumberText.of(0x1p50 + 0.75));
  }

  @Test
  void aFloatKeepsAFloatsDigits() {
    // As a double, 1.0000003E7f is 10000003.0 too, but 0.1f would be 0.10000000149011612.
    assertEquals("10000003.0", NumberText.of(1.0000003E7f));
    assertEquals("0.1", NumberText.of(0.1f));
    assertEquals("3.4028235e+38", NumberText.of(Float.MAX_VALUE));
    assertEquals("1e-05", NumberText.of(1e-5f));
  }

  @Test
  void whatIsNoNumberIsWrittenAsJavaWritesIt() {
    // JsonLine writes null for these; the text is only for people.
    assertEquals("NaN", NumberText.of(Double.NaN));
    assertEquals("-Infinity", NumberText.of(Float.NEGATIVE_INFINITY));
  }

  @Test
  void everyTextReadsBackAsItsNumber() {
    SplittableRandom random = new SplittableRandom(52);
    for (int i = 0; i < 100_000; i++) {
      // Random bit patterns: every magnitude, subnormals included.
      double value = Double.longBitsToDouble(random.nextLong());
      if (Double.isFinite(value)) {
        assertEquals(value, Double.parseDouble(NumberText.of(value)), 0.0, "exactly");
      }
      float single = Float.intBitsToFloat(random.nextInt());
      if (Float.isFinite(single)) {
        assertEquals(single, Float.parseFloat(NumberText.of(single)), 0.0f, "exactly");
      }
    }
  }
}
