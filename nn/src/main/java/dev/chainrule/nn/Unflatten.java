package dev.chainrule.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Variable;
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
    long known = 1;
    int unknownAt = -1;
    for (int i = 0; i < sizes.length; i++) {
      if (sizes[i] == -1) {
        unknownAt = i;
      } else {
        known *= sizes[i];
      }
    }
    int length = axis >= 0 && axis < rank ? x.shape().dim(axis) : -1;
    boolean fits = length >= 0 && (unknownAt < 0 ? known == length : length % known == 0);
    if (!fits) {
      throw badInput("input %s has no axis %s of %s elements", x.shape(), dim,
          unknownAt < 0 ? String.valueOf(known) : "a multiple of " + known);
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

  @Override
  protected String describe() {
    return "Unflatten(" + dim + ", " + Arrays.toString(sizes) + ")";
  }
}
