package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * concat and stack were static on Tensor, and Java lets a static method be called through an
 * instance without a warning: {@code x.concat(0, y)} compiled as {@code concat(0, y)} and returned
 * y alone, x silently dropped. They are now instance methods with the receiver first (the static
 * forms for a list of parts are {@link Tensors#concat} and {@link Tensors#stack}). Values are
 * small whole numbers, so every comparison is exact.
 */
class JoinReceiverFirstTest {
  private static final Tensor X = Tensor.vector(1, 2);
  private static final Tensor Y = Tensor.vector(3, 4);
  private static final Tensor Z = Tensor.vector(5, 6);

  @Test
  void concatOnATensorPutsItFirst() {
    assertEquals(Tensor.vector(1, 2, 3, 4), X.concat(0, Y));
    assertEquals(Tensor.vector(3, 4, 1, 2), Y.concat(0, X));
    assertEquals(Tensor.vector(1, 2, 3, 4, 5, 6), X.concat(0, Y, Z));
    assertEquals(Tensor.vector(1, 2, 3, 4, 5, 6), X.concat(0, new Tensor[] {Y, Z}));
    Tensor alone = X.concat(0);
    assertEquals(X, alone, "no others: this tensor's values");
    assertNotSame(X, alone, "a new tensor, as every result");
  }

  @Test
  void stackOnATensorPutsItFirst() {
    assertEquals(Tensor.matrix(new double[][] {{1, 2}, {3, 4}}), X.stack(0, Y));
    assertEquals(Tensor.matrix(new double[][] {{1, 3}, {2, 4}}), X.stack(1, Y));
    assertEquals(Tensor.matrix(new double[][] {{1, 2}, {3, 4}, {5, 6}}), X.stack(0, Y, Z));
    assertEquals(Tensor.matrix(new double[][] {{1, 2}}), X.stack(0));
  }

  @Test
  void theListFormsAgreeWithTheReceiverForms() {
    assertEquals(X.concat(0, Y, Z), Tensors.concat(0, X, Y, Z));
    assertEquals(X.stack(-1, Y, Z), Tensors.stack(-1, X, Y, Z));
  }

  @Test
  void refusalsCountTheReceiverAsTensorZero() {
    assertEquals("concat: shapes [2, 3] and [3, 4] differ outside axis 1",
        assertThrows(IllegalArgumentException.class,
            () -> Tensors.zeros(2, 3).concat(1, Tensors.zeros(3, 4))).getMessage());
    assertEquals("stack: shapes [2] and [3] differ", assertThrows(IllegalArgumentException.class,
        () -> X.stack(0, Tensors.zeros(3))).getMessage());
    assertEquals("concat: tensor 2 is null", assertThrows(NullPointerException.class,
        () -> X.concat(0, Y, null)).getMessage());
    assertEquals("concat: the other tensors are null", assertThrows(NullPointerException.class,
        () -> X.concat(0, (Tensor[]) null)).getMessage());
    assertEquals("stack: the other tensors are null", assertThrows(NullPointerException.class,
        () -> X.stack(0, (Tensor[]) null)).getMessage());
  }

  /**
   * The trap in general: a public static method of Tensor that takes tensors as a list can be
   * called on a tensor that it then ignores. Such a method belongs on Tensors.
   */
  @Test
  void noStaticMethodOfTensorTakesAListOfTensors() {
    List<String> traps = Arrays.stream(Tensor.class.getMethods())
        .filter(m -> Modifier.isStatic(m.getModifiers()) && m.getDeclaringClass() == Tensor.class)
        .filter(m -> m.isVarArgs() && lastParameter(m) == Tensor[].class)
        .map(Method::toString).toList();
    assertTrue(traps.isEmpty(), "static on Tensor, reachable through an instance: " + traps);
  }

  private static Class<?> lastParameter(Method m) {
    Class<?>[] types = m.getParameterTypes();
    return types[types.length - 1];
  }
}
