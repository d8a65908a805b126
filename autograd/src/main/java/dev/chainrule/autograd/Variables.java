package dev.chainrule.autograd;

/**
 * The join of a list of variables, as {@link dev.chainrule.core.Tensors#concat} joins tensors.
 * Of two or three at hand, {@link Variable#concat(int, Variable...) x.concat(axis, z)} reads as
 * the same join.
 *
 * <p>These are here, not static on {@link Variable}: Java lets a static method be called through
 * an instance without a warning, so a static {@code Variable.concat(axis, parts)} would let {@code
 * x.concat(0, z)} compile as the concat of z alone, dropping x.
 */
public final class Variables {
  private Variables() {}

  /**
   * y = the parts joined along an axis; ∂partᵢ = the matching slice of g. PyTorch's {@code cat}.
   *
   * @param axis the axis; a negative one counts from the end
   * @param parts the variables, at least one, of equal shape outside the axis
   * @return the result, recorded in the graph when gradients are wanted
   * @throws IllegalArgumentException naming concat and the shapes when they differ outside the
   *     axis, or when there are no parts
   * @throws NullPointerException naming concat when the array or a part is null
   */
  public static Variable concat(int axis, Variable... parts) {
    return LayoutOps.concat(axis, parts);
  }

  /**
   * y = the parts stacked along a new axis; ∂partᵢ = g's slice i along that axis. PyTorch's
   * {@code stack}.
   *
   * @param axis the position of the new axis; a negative one counts from the end
   * @param parts the variables, at least one, all of one shape
   * @return the result, recorded in the graph when gradients are wanted
   * @throws IllegalArgumentException naming stack and the shapes when they differ, the axis when
   *     it is out of range, when there are no parts, or the parts' count and shape when the
   *     result holds more elements than a Java array (2^31 − 3), before the parts are copied
   * @throws NullPointerException naming stack when the array or a part is null
   */
  public static Variable stack(int axis, Variable... parts) {
    return LayoutOps.stack(axis, parts);
  }
}
