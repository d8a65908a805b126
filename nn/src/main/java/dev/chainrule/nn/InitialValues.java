package dev.chainrule.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import java.util.random.RandomGenerator;

/**
 * A parameter's first values as a layer's builder draws them from an {@link Init}, which may be
 * the user's own: a null or a tensor of another shape is refused where it was drawn, naming the
 * layer, the parameter and the init, rather than wherever the layer first uses it.
 */
final class InitialValues {
  private InitialValues() {}

  /**
   * {@code init}'s values for one parameter.
   *
   * @param layer the layer as messages name it ("Dense(2 -> 3)", "Conv2d")
   * @param what the parameter ("weight", "bias")
   * @param init the initialisation
   * @param shape the shape the layer needs
   * @param fanIn inputs per unit, as the layer counts them
   * @param fanOut outputs per unit, as the layer counts them
   * @param random the generator to draw from
   * @return the values, of {@code shape}
   */
  static Tensor drawn(String layer, String what, Init init, Shape shape, int fanIn, int fanOut,
      RandomGenerator random) {
    Tensor t = checkNotNull(init.create(shape, fanIn, fanOut, random), "%s: %s init %s returned"
        + " null", layer, what, init);
    checkArgument(t.shape().equals(shape), "%s: %s init %s returned %s, expected %s", layer, what,
        init, t.shape(), shape);
    return t;
  }
}
