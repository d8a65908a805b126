package dev.chainrule.examples.cli;

import dev.chainrule.optim.cli.OptionPaths;
import java.nio.charset.Charset;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * File names given to options, turned into paths with a refusal in the user's words. picocli's
 * own said {@code cannot convert 'donn??es.csv' to interface java.nio.file.Path
 * (java.nio.file.InvalidPathException: Malformed input ...)} for an accented name under {@code
 * LC_ALL=C}: Java encodes file names in the locale's character set, which ASCII-only locales
 * cannot hold the name in, and the way out is a UTF-8 locale. picocli names the option in front
 * ({@code Invalid value for option '--csv': ...}). A name whose bytes are not valid in the
 * encoding arrives with U+FFFD in their place, which a UTF-8 locale can encode: it is refused too,
 * as no path Java can make names that file.
 */
public final class PathConverter implements ITypeConverter<Path> {
  /** The character set Java encodes file names in, fixed at start from the locale. */
  private final Charset fileNames;

  /**
   * A converter for file names encoded in {@code fileNames}.
   *
   * @param fileNames the character set of file names, which decides the refusal's words
   */
  PathConverter(Charset fileNames) {
    this.fileNames = fileNames;
  }

  /**
   * Registers the converter for every {@link Path} option and parameter of {@code cli} and the
   * subcommands added so far.
   *
   * @param cli the program's command line
   */
  public static void register(CommandLine cli) {
    cli.registerConverter(Path.class, new PathConverter(jnuCharset()));
  }

  /** Java's character set for file names ({@code sun.jnu.encoding}), UTF-8 when unknown. */
  private static Charset jnuCharset() {
    try {
      return Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
    } catch (IllegalArgumentException unknown) {
      return Charset.defaultCharset();
    }
  }

  @Override
  public Path convert(String text) {
    Path path;
    try {
      path = Path.of(text);
    } catch (InvalidPathException e) {
      String shown = "'" + text + "'";
      if (!fileNames.newEncoder().canEncode(text)) {
        throw new TypeConversionException(shown + ": the name has characters that the system's"
            + " locale (" + fileNames.name() + ") cannot encode in a file name; run under a UTF-8"
            + " locale, e.g. LC_ALL=C.UTF-8 java -jar chainrule.jar ...");
      }
      throw new TypeConversionException(shown + " is no file name: " + e.getReason());
    }
    // An encoding without U+FFFD (ASCII, Latin-1) refused it above; a UTF-8 name can hold it,
    // and a file really named with it can no longer be given (renaming it is the way out).
    OptionPaths.undecodableName(text, fileNames.name()).ifPresent(why -> {
      throw new TypeConversionException(why);
    });
    return path;
  }
}
