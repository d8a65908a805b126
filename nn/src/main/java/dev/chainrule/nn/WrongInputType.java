package dev.chainrule.nn;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DType;

/**
 * The refusal of {@link Module#requireSameType}, built only once an input's type differs (every
 * forward asks): which of the two to convert and, for a float64 input, where such an input
 * usually comes from.
 */
final class WrongInputType {
  private WrongInputType() {}

  /**
   * The exception for an input {@code x} of another type than {@code type}, the module's. An
   * input an op computed is named by its op: an op of one's own whose forward made float64 from
   * float32 (a {@code Tensors.ones} inside) went on unnoticed until the next layer, which the
   * message alone seemed to blame.
   */
  static IllegalArgumentException of(Module module, Variable x, DType type, String holder) {
    DType given = x.dtype();
    String made = x.isLeaf() ? "" : " (the output of '" + x.opName() + "')";
    // Tensors.full and its kin default to float64: a constant a float32 model's own forward
    // makes (a mask, a scale) reaches the next layer as float64, where neither fix applies.
    String constant = given == DType.FLOAT64 ? "; if the input was made inside a forward"
        + " (a mask, a constant), make it with Tensors.fullLike, onesLike or zerosLike of a"
        + " value of the model's type" : "";
    return module.badInput("input is %s%s and %s %s: convert the input (x.to(DType.%s)) or the"
        + " model (model.to(DType.%s))%s", given, made, holder, type, type.name(), given.name(),
        constant);
  }
}
