package dev.chainrule.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Variable;

/**
 * A residual connection: y = block(x) + x, or block(x) + shortcut(x) with a projection where the
 * block changes the shape (a 1×1 {@link Conv2d} with a stride, a {@link Dense}), as in ResNet.
 * The children are named {@code block} and {@code shortcut}, so parameters read
 * {@code block.0.weight}, {@code shortcut.weight}. Any activation after the sum goes in the
 * enclosing {@link Sequential}.
 */
public final class Residual extends Module {
  private final Module block;
  private final Module shortcut;

  private Residual(Module block, Module shortcut) {
    this.block = registerModule("block", checkNotNull(block, "Residual: block is null"));
    this.shortcut = shortcut == null ? null : registerModule("shortcut", shortcut);
  }

  /**
   * y = block(x) + x: the block must keep the shape.
   *
   * @param block the residual branch
   * @return the module
   */
  public static Residual of(Module block) {
    return new Residual(block, null);
  }

  /**
   * y = block(x) + shortcut(x): the two must give the same shape.
   *
   * @param block the residual branch
   * @param shortcut the projection of the input
   * @return the module
   */
  public static Residual of(Module block, Module shortcut) {
    return new Residual(block, checkNotNull(shortcut, "Residual: shortcut is null"));
  }

  @Override
  public Variable forward(Variable x) {
    checkNotNull(x, "Residual: input is null");
    Variable branch = block.call(x);
    Variable skip = shortcut == null ? x : shortcut.call(x);
    checkArgument(branch.shape().equals(skip.shape()), "Residual: the block turns %s into %s,"
        + " which cannot be added to %s%s", x.shape(), branch.shape(), skip.shape(),
        shortcut == null ? "; give a shortcut that maps the input to the block's shape" : "");
    return branch.add(skip);
  }

  @Override
  protected String describe() {
    return shortcut == null ? "Residual" : "Residual with shortcut";
  }

  /** True: it adds its input to its child's output row by row; the child answers for itself. */
  @Override
  protected boolean evaluatesRowsAlone() {
    return true;
  }
}
