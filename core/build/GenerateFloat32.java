import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes the float32 kernels of chainrule's core from their float64 sources, the way EJML generates
 * its float code: every {@code *F64.java} under the source folder is a template, and its twin
 * {@code *F32.java} goes to the output folder with the same package. Run by Maven at
 * {@code generate-sources} as a single-file program ({@code java GenerateFloat32.java SRC OUT}).
 *
 * <p>The rewrite is textual and deliberately small, so a template reads as ordinary float64 code:
 *
 * <ul>
 *   <li>{@code F64} becomes {@code F32} inside identifiers (the template's own name, the names of
 *       other templates it calls, accessors such as {@code dataF64()}) and {@code FLOAT64} becomes
 *       {@code FLOAT32};
 *   <li>the word {@code double} becomes {@code float}, casts included: a template writes
 *       {@code (double) Math.exp(x)} where the float32 kernel must narrow a wider result;
 *   <li>except where it is written {@code @Wide double}: what is annotated
 *       {@code dev.chainrule.core.Wide} (an accumulator, so that a float32 sum of millions of
 *       elements stays accurate) stays float64 in both kernels;
 *   <li>{@code Double} becomes {@code Float} as a class before a dot ({@code Double.NaN},
 *       {@code Double.isNaN(x)}, ...), before a {@code >} (the type argument of
 *       {@code VectorSpecies<Double>}; a {@code Double} followed by a comma stays) and in the
 *       Vector API's {@code DoubleVector};
 *   <li>decimal literals ({@code 0.5}, {@code 1e-3}) become float literals ({@code 0.5f}), but
 *       not numbers in comments and strings.
 * </ul>
 *
 * <p>The Java compiler checks the result like any other source, and the float32 tests compare every
 * kernel with its float64 twin, so a rule that rewrote too much or too little does not go unseen.
 */
public final class GenerateFloat32 {
  private static final Pattern F64 = Pattern.compile("F64");
  private static final Pattern FLOAT64 = Pattern.compile("\\bFLOAT64\\b");
  private static final Pattern DOUBLE = Pattern.compile("(?<!@Wide )\\bdouble\\b");
  private static final Pattern DOUBLE_CLASS = Pattern.compile("\\bDouble(?=\\.|>|Vector\\b)");
  /** 1.5, 2., 1e-3, 2.5E+10, not followed by a suffix; not part of an identifier. */
  private static final Pattern DECIMAL = Pattern.compile(
      "(?<![\\w.])(\\d+\\.\\d*(?:[eE][-+]?\\d+)?|\\d+[eE][-+]?\\d+)(?![\\w.])");

  /**
   * Comments and string and character literals: their numbers are prose ("3.3 ns per element"),
   * not literals, and keep their digits.
   */
  private static final Pattern PROSE = Pattern.compile(
      "//[^\\n]*|/\\*.*?\\*/|\"(?:\\\\.|[^\"\\\\\\n])*\"|'(?:\\\\.|[^'\\\\\\n])*'",
      Pattern.DOTALL);

  private GenerateFloat32() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: java GenerateFloat32.java SOURCE_DIR OUTPUT_DIR");
    }
    Path source = Path.of(args[0]);
    Path output = Path.of(args[1]);
    List<Path> templates;
    try (Stream<Path> files = Files.walk(source)) {
      templates = files.filter(p -> p.getFileName().toString().endsWith("F64.java")).sorted()
          .toList();
    }
    for (Path template : templates) {
      Path relative = source.relativize(template);
      String twinName = relative.getFileName().toString().replace("F64.java", "F32.java");
      Path twin = output.resolve(relative).resolveSibling(twinName);
      write(twin, rewrite(Files.readString(template, StandardCharsets.UTF_8), relative));
    }
  }

  static String rewrite(String text, Path template) {
    String body = replace(F64, text, "F32");
    body = replace(FLOAT64, body, "FLOAT32");
    body = replace(DOUBLE, body, "float");
    body = replace(DOUBLE_CLASS, body, "Float");
    body = floatLiterals(body);
    String header = "// Generated from " + template.toString().replace('\\', '/')
        + " by core/build/GenerateFloat32.java: edit the template, not this file.\n";
    return header + body;
  }

  /** Decimal literals become float literals in the code, not in its comments and strings. */
  private static String floatLiterals(String source) {
    StringBuilder out = new StringBuilder(source.length() + 1024);
    Matcher prose = PROSE.matcher(source);
    int code = 0;
    while (prose.find()) {
      out.append(DECIMAL.matcher(source.substring(code, prose.start())).replaceAll("$1f"));
      out.append(prose.group());
      code = prose.end();
    }
    return out.append(DECIMAL.matcher(source.substring(code)).replaceAll("$1f")).toString();
  }

  private static String replace(Pattern pattern, String text, String replacement) {
    return pattern.matcher(text).replaceAll(Matcher.quoteReplacement(replacement));
  }

  /** Writes only when the text changed, so an unchanged kernel does not trigger recompilation. */
  private static void write(Path file, String text) {
    try {
      if (Files.exists(file) && Files.readString(file, StandardCharsets.UTF_8).equals(text)) {
        return;
      }
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
