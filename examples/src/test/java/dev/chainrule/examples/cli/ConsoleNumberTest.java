package dev.chainrule.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Computed numbers for people: rounded to the digits asked, no trailing zeros. */
class ConsoleNumberTest {
  @Test
  void roundsToSignificantDigits() {
    assertEquals("-0.3", Console.number(0.1 + 0.1 + 0.1 - 0.6, 4), "0.1·3 − 0.6 in doubles");
    assertEquals("2", Console.number(2.0, 4));
    assertEquals("1.23e6", Console.number(1_234_567, 3));
    assertEquals("NaN", Console.number(Double.NaN, 4));
    // One digit is the fewest, and allowed.
    assertEquals("0.3", Console.number(0.1 + 0.1 + 0.1, 1));
  }

  @Test
  void noDigitsIsRefused() {
    // MathContext(0) would print the double's whole binary expansion.
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Console.number(0.1, 0));
    assertEquals("Console.number: digits must be at least 1, got 0", e.getMessage());
  }

  /** A float32 widened to double by its float's digits; any other as number() writes it. */
  @Test
  void settingsThatAreFloatsReadAsFloats() {
    assertEquals("0.02", Console.setting(0.02f), "widened, 0.019999999552965164");
    assertEquals("0.02", Console.setting(0.02), "0.02 is not a float: as typed");
    assertEquals("0.1", Console.setting(0.1));
    assertEquals("0.125", Console.setting(0.125));
    // Typed values float32 holds exactly read as typed, not as float32's shortest digits.
    assertEquals("0.000244140625", Console.setting(0.000244140625), "2^-12, not 0.00024414062");
    assertEquals("0.00146484375", Console.setting(0.00146484375), "not 0.0014648438");
    assertEquals("0.001", Console.setting(0.001f), "widened, 0.0010000000474974513");
    assertEquals("Infinity", Console.setting(Double.POSITIVE_INFINITY));
    assertEquals("1e300", Console.setting(1e300), "beyond float32: as number()");
    // Some widened floats' shortest double digits are only 15 long: still read as floats.
    assertEquals("0.001012", Console.setting(0.001012f), "widened, 0.00101200002245605");
  }
}
