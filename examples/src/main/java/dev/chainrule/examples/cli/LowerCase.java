package dev.chainrule.examples.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;

/**
 * Reads a word-valued option in any case, as {@code --optimizer}, {@code --activation},
 * {@code --dtype}, {@code --format} and {@code --model} are read: {@code --task Regression} and
 * {@code --missing DROP} were refused while {@code --optimizer ADAM} was taken. The value is
 * lower-cased once, as it is read, so that every later use (the check of its choices, the
 * comparison with a loaded model's, the JSON line) sees the one spelling. Only for options whose
 * values are lower-case words: a column name or a delimiter keeps its case.
 */
public final class LowerCase implements ITypeConverter<String> {
  @Override
  public String convert(String value) {
    return value.toLowerCase(Locale.ROOT);
  }
}
