package dev.chainrule.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * Numbers on the command line are read strictly, at the edges of their types' ranges as in the
 * middle, and refused in words that name no Java type.
 */
class NumberConvertersTest {
  @Command(name = "numbers")
  static final class Numbers {
    @Option(names = "--int")
    int whole;
    @Option(names = "--long")
    Long big;
    @Option(names = "--double")
    double decimal;
  }

  private static Numbers parse(String... args) {
    Numbers numbers = new Numbers();
    CommandLine cli = new CommandLine(numbers);
    NumberConverters.register(cli);
    cli.parseArgs(args);
    return numbers;
  }

  private static String refusal(String... args) {
    return assertThrows(ParameterException.class, () -> parse(args)).getMessage();
  }

  @Test
  void wholeNumbersAreTakenUpToTheEdgesOfTheirRange() {
    assertEquals(Integer.MAX_VALUE, parse("--int", "2147483647").whole);
    assertEquals(Integer.MIN_VALUE, parse("--int", "-2147483648").whole);
    assertEquals(7, parse("--int", "+7").whole);
    assertEquals(Long.MAX_VALUE, parse("--long", "9223372036854775807").big);
    assertEquals(Long.MIN_VALUE, parse("--long", "-9223372036854775808").big);
  }

  @Test
  void wholeNumbersBeyondTheRangeNameTheNearerEnd() {
    assertEquals("Invalid value for option '--int': '2147483648' is out of range"
        + " (at most 2147483647)", refusal("--int", "2147483648"));
    assertEquals("Invalid value for option '--int': '-2147483649' is out of range"
        + " (at least -2147483648)", refusal("--int", "-2147483649"));
    // Beyond a long too, where Long.parseLong itself fails.
    assertEquals("Invalid value for option '--long': '-9223372036854775809' is out of range"
        + " (at least -9223372036854775808)", refusal("--long", "-9223372036854775809"));
    assertEquals("Invalid value for option '--int': '1.5' is not a whole number",
        refusal("--int", "1.5"));
  }

  @Test
  void decimalsAreReadAsTyped() {
    // Exact binary fractions, so the comparisons need no tolerance.
    assertEquals(0.5, parse("--double", ".5").decimal);
    assertEquals(-2.0, parse("--double", "-2.").decimal);
    assertEquals(1.25e3, parse("--double", "1.25E+3").decimal);
    // A zero typed with an exponent is a zero the user meant.
    assertEquals(0.0, parse("--double", "0e5").decimal);
    // The smallest positive double does not round to 0, so it is taken.
    assertEquals(Double.MIN_VALUE, parse("--double", "4.9e-324").decimal);
  }

  @Test
  void decimalsJavaWouldReadOtherwiseAreRefusedInWords() {
    assertEquals("Invalid value for option '--double': '1d' is not a decimal number",
        refusal("--double", "1d"));
    assertEquals("Invalid value for option '--double': '0x1p3' is not a decimal number",
        refusal("--double", "0x1p3"));
    assertEquals("Invalid value for option '--double': '-Infinity' is not a finite number",
        refusal("--double", "-Infinity"));
    assertEquals("Invalid value for option '--double': '∞' is not a finite number",
        refusal("--double", "∞"));
    assertEquals("Invalid value for option '--double': '1e999' is too large",
        refusal("--double", "1e999"));
    assertEquals("Invalid value for option '--double': '2.5e-400' is too small: it rounds to 0"
        + " (the smallest positive number is 4.9E-324)", refusal("--double", "2.5e-400"));
  }
}
