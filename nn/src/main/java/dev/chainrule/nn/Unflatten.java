package dev.chainrule.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import java.util.Arrays;

/**
 * PyTorch's {@code Unflatten}: one axis split into several, the inverse of {@link Flatten}. A
 * convolutional network on rows of pixels starts with one: {@code Unflatten.of(1, 1, 28, 28)}
 * makes [N, 784] images [N, 1, 28, 28].
 */
public final class Unflatten extends Module {
  private final int dim;
  private final Shape sizes;

  private Unflatten(int dim, Shape sizes) {
    this.dim = dim;
    this.sizes = sizes;
  }

  /**
   * Splits axis {@code dim} into axes of the given sizes, whose product must be its size.
   *
   * @param dim the axis to split (negative counts from the end)
   * @param sizes the sizes of the new axes, all positive
   * @return the layer
   */
  public static Unflatten of(int dim, int... sizes) {
    checkNotNull(sizes, "Unflatten: sizes are null");
    checkArgument(sizes.length > 0 && Arrays.stream(sizes).allMatch(s -> s > 0),
        "Unflatten: sizes must be positive, got %s", Arrays.toString(sizes));
    return new Unflatten(dim, Shape.of(sizes));
  }

  /**
   * The axis it splits.
   *
   * @return the axis
   */
  public int dim() {
    return dim;
  }

  /**
   * The sizes the axis is split into.
   *
   * @return the new axes' sizes
   */
  public Shape sizes() {
    return sizes;
  }

  @Override
  public Variable forward(Variable x) {
    checkNotNull(x, "Unflatten: input is null");
    int rank = x.rank();
    int axis = dim < 0 ? dim + rank : dim;
    if (!(axis >= 0 && axis < rank && x.shape().dim(axis) == sizes.size())) {
      throw badInput("input %s has no axis %s of %s elements", x.shape(), dim, sizes.size());
    }
    int[] dims = x.shape().dims();
    int[] out = new int[rank - 1 + sizes.rank()];
    System.arraycopy(dims, 0, out, 0, axis);
    System.arraycopy(sizes.dims(), 0, out, axis, sizes.rank());
    System.arraycopy(dims, axis + 1, out, axis + sizes.rank(), rank - axis - 1);
    return x.reshape(out);
  }

  @Override
  protected String describe() {
    return "Unflatten(" + dim + ", " + sizes + ")";
  }
}
