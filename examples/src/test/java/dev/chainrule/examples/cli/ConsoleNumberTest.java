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
  }

  @Test
  void noDigitsIsRefused() {
    // MathContext(0) would print the double's whole binary expansion.
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Console.number(0.1, 0));
    assertEquals("Console.number: digits must be at least 1, got 0", e.getMessage());
  }
}
