package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Variables.stack made each part unsqueezed (a copy) before concatenating them: a result longer
 * than a Java array filled the heap with the copies (8 GiB) before concat could refuse it, in an
 * OutOfMemoryError (a scale probe, session 53). It is refused from the shapes first, in core's
 * words. One 49981-element part referenced 42966 times makes 2^31 − 2 elements.
 */
class StackRefusalTest {
  @Test
  void aStackLongerThanAnArrayIsRefusedBeforeThePartsAreCopied() {
    Tensor part = Tensors.zeros(Shape.of(49981), DType.FLOAT32);
    Tensor[] tensors = new Tensor[42966];
    Arrays.fill(tensors, part);
    Variable[] parts = new Variable[tensors.length];
    Arrays.fill(parts, Variable.parameter(part));
    for (int axis : new int[] {0, 1, -1, -2}) {
      String core = assertThrows(IllegalArgumentException.class,
          () -> Tensors.stack(axis, tensors)).getMessage();
      assertEquals(core, assertThrows(IllegalArgumentException.class,
          () -> Variables.stack(axis, parts)).getMessage(), "axis " + axis);
      assertEquals(core, assertThrows(IllegalArgumentException.class,
          () -> parts[0].stack(axis, Arrays.copyOfRange(parts, 1, parts.length))).getMessage());
    }
    assertEquals("stack: 42966 parts of [49981] make [49981, 42966], 2147483646 elements, more"
        + " than a Java array holds (2147483645)", assertThrows(IllegalArgumentException.class,
            () -> Variables.stack(-1, parts)).getMessage());
  }
}
