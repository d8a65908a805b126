package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * A float32 factory given a finite value beyond float32's range refuses it, as PyTorch's {@code
 * torch.full((2,), 1e39, dtype=torch.float32)} does ("value cannot be converted to type float
 * without overflow"): it gave [∞, ∞] without a word. Infinities and NaN asked for are given, and a
 * value that only rounds to {@link Float#MAX_VALUE} is rounding, not overflow.
 */
class Float32FactoryRangeTest {
  private static final DType F32 = DType.FLOAT32;

  private static void refused(String expected, Executable call) {
    assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
  }

  private static String beyond(String op, String what, String value) {
    return op + ": " + what + " " + value + " is beyond float32's largest value 3.4028235E38 and"
        + " would become an infinity; give an infinity itself for one, or make the tensor float64";
  }

  @Test
  void aFiniteValueBeyondFloat32IsRefusedByName() {
    refused(beyond("full", "the value", "1.0E39"), () -> Tensors.full(Shape.of(2), 1e39, F32));
    refused(beyond("full", "the value", "-1.0E39"), () -> Tensors.full(Shape.of(2), -1e39, F32));
    refused(beyond("fullLike", "the value", "1.0E39"),
        () -> Tensors.fullLike(Tensors.zeros(Shape.of(2), F32), 1e39));
    refused(beyond("scalar", "the value", "1.0E39"), () -> Tensor.scalar(1e39, F32));
    refused(beyond("linspace", "the bound", "-1.0E39"),
        () -> Tensors.linspace(-1e39, 0, 3, F32));
    // Either bound: the end alone past float32 made [0, ∞, ∞] without a word.
    refused(beyond("linspace", "the bound", "1.0E39"), () -> Tensors.linspace(0, 1e39, 3, F32));
    refused(beyond("uniform", "the bound", "1.0E39"),
        () -> Tensors.uniform(Shape.of(2), 0, 1e39, 7L, F32));
    refused(beyond("uniform", "the bound", "-1.0E39"),
        () -> Tensors.uniform(Shape.of(2), -1e39, 0, new SplittableRandom(7), F32));
  }

  @Test
  void infinitiesNaNRoundingAndFloat64AreAsBefore() {
    assertEquals(Tensor.of(new float[] {Float.POSITIVE_INFINITY}, 1),
        Tensors.full(Shape.of(1), Double.POSITIVE_INFINITY, F32));
    assertEquals(Float.NEGATIVE_INFINITY,
        (float) Tensor.scalar(Double.NEGATIVE_INFINITY, F32).get(), 0f);
    assertEquals(Double.NaN, Tensors.fullLike(Tensors.zeros(Shape.of(1), F32), Double.NaN).get(0),
        0.0);
    // Just above Float.MAX_VALUE, but nearer it than to the next power of two: it rounds to it.
    double roundsDown = Math.nextUp((double) Float.MAX_VALUE);
    assertEquals(Float.MAX_VALUE, (float) Tensor.scalar(roundsDown, F32).get(), 0f);
    assertEquals(1e39, Tensors.full(Shape.of(1), 1e39).get(0), 0.0, "float64 holds it");
    assertEquals(1e39, Tensor.scalar(1e39, DType.FLOAT64).get(), 0.0);
    assertEquals(F32, Tensors.linspace(-3e38, 3e38, 3, F32).dtype());
  }
}
