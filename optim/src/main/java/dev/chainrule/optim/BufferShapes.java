package dev.chainrule.optim;

import dev.chainrule.core.Shape;
import java.util.function.BiFunction;

/**
 * An optimizer's {@link Optimizer#bufferShape}, asked for each parameter's buffers and checked:
 * an optimizer of one's own that answers null would otherwise fail inside a tensor factory, far
 * from the method that is wrong.
 */
final class BufferShapes {
  private final String optimizer;
  private final BiFunction<String, Shape, Shape> shapes;

  BufferShapes(String optimizer, BiFunction<String, Shape, Shape> shapes) {
    this.optimizer = optimizer;
    this.shapes = shapes;
  }

  /** The shape of {@code buffer} for a parameter of shape {@code parameter}; never null. */
  Shape of(String buffer, Shape parameter) {
    Shape shape = shapes.apply(buffer, parameter);
    if (shape == null) {
      throw new IllegalStateException(optimizer + ".bufferShape(\"" + buffer + "\", "
          + parameter + ") returned null; return the buffer's shape (the parameter's, "
          + parameter + ", for a buffer of one value per parameter element)");
    }
    return shape;
  }
}
