package dev.chainrule.autograd;

/**
 * The ops of a list of variables: their join, as {@link dev.chainrule.core.Tensors#concat} joins
 * tensors, and their einsum. Of two or three at hand, {@link Variable#concat(int, Variable...)
 * x.concat(axis, z)} reads as the same join; einsum is here only, as in PyTorch, where it is no
 * method of a tensor.
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

  /**
   * y = Σ over the labels the output lacks of the product of the operands' elements at each
   * assignment of the labels, computed as diagonals (a slice with a step), sums and one batched
   * matmul per pair of operands, left to right; ∂ follows from those rows. PyTorch's {@code
   * einsum} (1.13, without opt_einsum): {@code einsum("bqd,bkd->bqk", q, k)} is attention's
   * scores, {@code einsum("i,ij,j->", x, a, y)} the bilinear form xᵀAy.
   *
   * <p>The equation has one term per operand, separated by commas, then optionally {@code ->} and
   * the output's term. A term's labels are letters (a–z, A–Z), one per axis; spaces are ignored.
   * A label in two operands names one dimension; one repeated within an operand takes its
   * diagonal ({@code "ii->i"}, the trace {@code "ii->"}); a label the output lacks is summed,
   * whether one operand has it or several. Without {@code ->} the output is the labels that
   * appear exactly once, in ASCII order (uppercase first): {@code "ij,jk"} is {@code "ij,jk->ik"}.
   * {@code ...} stands for the axes a term's labels leave, aligned to the right and broadcast
   * across operands as NumPy broadcasts shapes; an implicit output starts with them, an explicit
   * one sums them unless it has {@code ...} too. As in PyTorch, a label of size 1 in one operand
   * broadcasts against its size in another. Operands of float32 and float64 together give
   * float64, as {@link Variable#matmul(Variable) matmul} does (PyTorch refuses the mix).
   *
   * <p>Order and cost: each operand's diagonals are taken and the labels only it has summed
   * away; then the first two operands are contracted, their result with the third, and so on,
   * each pair in one batched matmul whose batch axes are their shared labels that a later operand
   * or the output needs, and which sums their other shared labels. No pair's outer product is
   * formed unless the equation asks for it; but no cheaper order is sought either (PyTorch's
   * opt_einsum path): list the operands so that early pairs are small.
   *
   * @param equation the terms, as {@code "ij,jk->ik"}
   * @param operands one variable per input term
   * @return the result, recorded in the graph when gradients are wanted
   * @throws IllegalArgumentException naming einsum and the equation when a character is not a
   *     letter, a space, a comma, {@code ->} or {@code ...}, a term has two ellipses or a lone
   *     {@code .}, an output label repeats or is in no input, the operands are not as many as
   *     the input terms; and the operand and its shape when its rank does not match its term, a
   *     label's sizes disagree (within the operand, or across operands and neither 1), or the
   *     axes its {@code ...} covers do not broadcast with another operand's
   * @throws NullPointerException naming einsum when the equation, the array or an operand is null
   */
  public static Variable einsum(String equation, Variable... operands) {
    return Einsum.einsum(equation, operands);
  }
}
