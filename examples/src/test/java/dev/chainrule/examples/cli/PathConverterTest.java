package dev.chainrule.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/**
 * File names that Java cannot make a path of are refused in words: under an ASCII locale
 * ({@code LC_ALL=C}) an accented name, with the advice to run under a UTF-8 one; otherwise with
 * the reason. The test JVM's own locale is not changed: the converter is given the character set
 * that {@code LC_ALL=C} gives Java's file names.
 */
class PathConverterTest {
  @Test
  void aNameTheLocaleCannotEncodeAdvisesAUtf8Locale() {
    // Under LC_ALL=C, Java decodes the argument's UTF-8 bytes as two U+FFFD; Path.of refuses
    // them only there, so the converter's words are checked on a name that fails anywhere (a
    // NUL) with the ASCII character set deciding them.
    PathConverter ascii = new PathConverter(StandardCharsets.US_ASCII);
    TypeConversionException e = assertThrows(TypeConversionException.class,
        () -> ascii.convert("donn\uFFFD\uFFFDes\u0000.csv"));
    assertEquals("'donn\uFFFD\uFFFDes\u0000.csv': the name has characters that the system's"
        + " locale (US-ASCII) cannot encode in a file name; run under a UTF-8 locale, e.g."
        + " LC_ALL=C.UTF-8 java -jar chainrule.jar ...", e.getMessage());
  }

  @Test
  void anotherRefusedNameGivesTheReason() {
    PathConverter utf8 = new PathConverter(StandardCharsets.UTF_8);
    TypeConversionException e =
        assertThrows(TypeConversionException.class, () -> utf8.convert("a\u0000b"));
    assertEquals("'a\u0000b' is no file name: Nul character not allowed", e.getMessage());
  }

  @Test
  void aNameIsAPath() {
    assertEquals(Path.of("données.csv"),
        new PathConverter(StandardCharsets.US_ASCII).convert("données.csv"));
  }
}
