package dev.chainrule.nn;

import dev.chainrule.core.DType;

/**
 * The refusal of {@link Module#requireSameType}, built only once an input's type differs (every
 * forward asks): which of the two to convert and, for a float64 input, where such an input
 * usually comes from.
 */
final class WrongInputType {
  private WrongInputType() {}

  /** The exception for an input of type {@code given} to a module computing in {@code type}. */
  static IllegalArgumentException of(Module module, DType given, DType type, String holder) {
    // Tensors.full and its kin default to float64: a constant a float32 model's own forward
    // makes (a mask, a scale) reaches the next layer as float64, where neither fix applies.
    String constant = given == DType.FLOAT64 ? "; if the input was made inside a forward"
        + " (a mask, a constant), make it with Tensors.fullLike, onesLike or zerosLike of a"
        + " value of the model's type" : "";
    return module.badInput("input is %s and %s %s: convert the input (x.to(DType.%s)) or the"
        + " model (model.to(DType.%s))%s", given, holder, type, type.name(), given.name(),
        constant);
  }
}
