package dev.chainrule.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Variable;
import dev.chainrule.nn.loss.AxisProducts;
import java.util.Arrays;

/**
 * PyTorch's {@code Unflatten}: one axis split into several, the inverse of {@link Flatten}. A
 * convolutional network on rows of pixels starts with one: {@code Unflatten.of(1, 1, 28, 28)}
 * makes [N, 784] images [N, 1, 28, 28]. One size may be −1, inferred from the axis's size
 * ({@code Unflatten.of(1, 2, -1)} splits 6 into 2 × 3), as in PyTorch.
 */
public final class Unflatten extends Module {
  private final int dim;
  private final int[] sizes;

  private Unflatten(int dim, int[] sizes) {
    this.dim = dim;
    this.sizes = sizes;
  }

  /**
   * Splits axis {@code dim} into axes of the given sizes, whose product must be its size.
   *
   * @param dim the axis to split (negative counts from the end)
   * @param sizes the sizes of the new axes: positive, and at most one −1 (inferred)
   * @return the layer
   */
  public static Unflatten of(int dim, int... sizes) {
    checkNotNull(sizes, "Unflatten: sizes are null");
    long inferred = Arrays.stream(sizes).filter(s -> s == -1).count();
    checkArgument(sizes.length > 0 && inferred <= 1
            && Arrays.stream(sizes).allMatch(s -> s > 0 || s == -1),
        "Unflatten: sizes must be positive, one of them may be -1, got %s",
        Arrays.toString(sizes));
    return new Unflatten(dim, sizes.clone());
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
   * The sizes the axis is split into, as given (−1 where one is inferred).
   *
   * @return a copy of the new axes' sizes
   */
  public int[] sizes() {
    return sizes.clone();
  }

  @Override
  public Variable forward(Variable x) {
    checkNotNull(x, "Unflatten: input is null");
    int rank = x.rank();
    int axis = dim < 0 ? dim + rank : dim;
    // Held at 2^31 once past an int, which no axis reaches: the product wrapped in a long, to
    // 0 for 65536⁴ (then the −1's division by it threw ArithmeticException) or to a size the
    // message named though no one asked for it.
    long known = AxisProducts.capped(sizes, 0, sizes.length);
    int unknownAt = -1;
    for (int i = 0; i < sizes.length; i++) {
      unknownAt = sizes[i] == -1 ? i : unknownAt;
    }
    int length = axis >= 0 && axis < rank ? x.shape().dim(axis) : -1;
    // An empty axis splits into the sizes and an inferred 0 however large they are, as in
    // PyTorch ([0] into (65536, 65536, −1) is [65536, 65536, 0]).
    boolean fits = length >= 0 && (unknownAt < 0 ? known == length : length % known == 0);
    if (!fits) {
      String elements = AxisProducts.exact(sizes, 0, sizes.length).toString();
      throw badInput("input %s has no axis %s of %s elements", x.shape(), dim,
          unknownAt < 0 ? elements : "a multiple of " + elements);
    }
    int[] split = sizes.clone();
    if (unknownAt >= 0) {
      split[unknownAt] = (int) (length / known);
    }
    int[] dims = x.shape().dims();
    int[] out = new int[rank - 1 + split.length];
    System.arraycopy(dims, 0, out, 0, axis);
    System.arraycopy(split, 0, out, axis, split.length);
    System.arraycopy(dims, axis + 1, out, axis + split.length, rank - axis - 1);
    return x.reshape(out);
  }

  /**
   * Row by row when axis 0 is not the one split: a positive axis, or the last (−1), which is
   * axis 0 only of a value of rank 1, and the layers that run row by row keep a batch's rank.
   */
  @Override
  protected boolean evaluatesRowsAlone() {
    return dim >= 1 || dim == -1;
  }

  @Override
  protected String describe() {
    return "Unflatten(" + dim + ", " + Arrays.toString(sizes) + ")";
  }
}
