package dev.chainrule.optim.checkpoint;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.core.DType;

/**
 * One loaded tensor's change of type, as {@link LoadReport#typeConversions()} lists it beside the
 * report's lines ({@link LoadReport#converted()}), so that a program can count conversions
 * without reading them back out of text (a name may hold a colon or an arrow).
 *
 * @param name the parameter's or buffer's path
 * @param stored the type the file held it in, as the report's line names it: a file type where
 *     the file's type is not one of chainrule's ({@code "F16"}, {@code "I64"}, {@code "BOOL"}),
 *     otherwise chainrule's ({@code "float64"}, {@code "float32"})
 * @param loaded the model's type, which the tensor was converted to
 * @param exact whether every value came through unchanged; false when one was rounded to nearest
 */
public record TypeConversion(String name, String stored, DType loaded, boolean exact) {
  /**
   * Checks that nothing is null.
   *
   * @param name the path
   * @param stored the type in the file
   * @param loaded the model's type
   * @param exact whether nothing was rounded
   */
  public TypeConversion {
    checkNotNull(name, "type conversion: name is null");
    checkNotNull(stored, "type conversion: stored type is null");
    checkNotNull(loaded, "type conversion: loaded type is null");
  }
}
