package dev.chainrule.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/**
 * A name whose bytes are not valid in the system's encoding reaches Java with U+FFFD in their
 * place, and under a UTF-8 locale that character encodes: {@code --save m$'\351'.st} saved to a
 * file literally named {@code m\uFFFD.st}, and {@code --csv caf$'\351'.csv} said there was no
 * such file although there was. Such a name is refused, since no path Java can make names the
 * file the user meant.
 */
class PathConverterUndecodableTest {
  @Test
  void aNameWithBytesTheEncodingCannotDecodeIsRefused() {
    PathConverter utf8 = new PathConverter(StandardCharsets.UTF_8);
    TypeConversionException e =
        assertThrows(TypeConversionException.class, () -> utf8.convert("m\uFFFD.st"));
    assertEquals("'m\uFFFD.st': the name's bytes are not valid in the system's encoding for file"
        + " names (UTF-8, sun.jnu.encoding), so Java cannot name that file; rename the file to a"
        + " name in UTF-8, or run under a locale whose encoding the name is in (e.g."
        + " LC_ALL=en_US.ISO-8859-1 for Latin-1 names)", e.getMessage());
  }

  @Test
  void aFolderInThePathWithSuchBytesIsRefusedToo() {
    PathConverter utf8 = new PathConverter(StandardCharsets.UTF_8);
    assertThrows(TypeConversionException.class, () -> utf8.convert("d\uFFFD/o"));
  }

  @Test
  void aNameThatStartsWithSuchBytesIsRefused() {
    // U+FFFD at index 0: the first place the character can be is a place like any other.
    PathConverter utf8 = new PathConverter(StandardCharsets.UTF_8);
    TypeConversionException e =
        assertThrows(TypeConversionException.class, () -> utf8.convert("\uFFFDm.st"));
    assertTrue(e.getMessage().startsWith("'\uFFFDm.st': the name's bytes are not valid"),
        e.getMessage());
  }
}
