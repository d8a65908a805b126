package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Tensor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * concat and stack were static on Variable, so {@code x.concat(0, y)} compiled as {@code
 * concat(0, y)}: y alone, x dropped from the value and from the graph (its gradient stayed null).
 * They are now instance methods with the receiver first; {@link Variables} has the forms for a
 * list. Values are small whole numbers, so every comparison is exact.
 */
class JoinReceiverFirstTest {
  @Test
  void concatOnAVariablePutsItFirstInTheValueAndTheGraph() {
    Variable x = Variable.parameter(Tensor.vector(1, 2));
    Variable y = Variable.parameter(Tensor.vector(3, 4));
    Variable z = Variable.parameter(Tensor.vector(5));
    Variable joined = x.concat(0, y, z);
    assertEquals(Tensor.vector(1, 2, 3, 4, 5), joined.value());
    joined.mul(Variable.constant(Tensor.vector(10, 20, 30, 40, 50))).sum().backward();
    assertEquals(Tensor.vector(10, 20), x.grad(), "x's slice of the weights");
    assertEquals(Tensor.vector(30, 40), y.grad());
    assertEquals(Tensor.vector(50), z.grad());
  }

  @Test
  void stackOnAVariablePutsItFirstInTheValueAndTheGraph() {
    Variable x = Variable.parameter(Tensor.vector(1, 2));
    Variable y = Variable.parameter(Tensor.vector(3, 4));
    Variable stacked = x.stack(0, y);
    assertEquals(Tensor.matrix(new double[][] {{1, 2}, {3, 4}}), stacked.value());
    assertEquals(Tensor.matrix(new double[][] {{1, 3}, {2, 4}}), x.stack(1, y).value());
    stacked.mul(Variable.constant(Tensor.matrix(new double[][] {{1, 2}, {3, 4}}))).sum()
        .backward();
    assertEquals(Tensor.vector(1, 2), x.grad(), "the weights' first row");
    assertEquals(Tensor.vector(3, 4), y.grad());
    assertEquals(x.value().reshape(1, 2), x.stack(0).value(), "no others: x with a new axis");
  }

  @Test
  void theListFormsAgreeWithTheReceiverForms() {
    Variable x = Variable.constant(Tensor.vector(1, 2));
    Variable y = Variable.constant(Tensor.vector(3, 4));
    assertEquals(x.concat(0, y).value(), Variables.concat(0, x, y).value());
    assertEquals(x.stack(1, y).value(), Variables.stack(1, x, y).value());
  }

  @Test
  void refusalsCountTheReceiverAsInputZero() {
    Variable x = Variable.constant(Tensor.vector(1, 2));
    assertEquals("concat: variable 1 is null", assertThrows(NullPointerException.class,
        () -> x.concat(0, (Variable) null)).getMessage());
    assertEquals("stack: variable 1 is null", assertThrows(NullPointerException.class,
        () -> x.stack(0, (Variable) null)).getMessage());
    assertEquals("concat: the other variables are null", assertThrows(NullPointerException.class,
        () -> x.concat(0, (Variable[]) null)).getMessage());
    assertEquals("stack: the other variables are null", assertThrows(NullPointerException.class,
        () -> x.stack(0, (Variable[]) null)).getMessage());
  }

  /** A null part is named as a variable, in concat as in stack (Tensor's name a tensor). */
  @Test
  void aNullPartIsNamedAsAVariableByItsPosition() {
    Variable x = Variable.constant(Tensor.vector(1, 2));
    assertEquals("concat: variable 2 is null", assertThrows(NullPointerException.class,
        () -> Variables.concat(0, x, x, null)).getMessage());
    assertEquals("stack: variable 2 is null", assertThrows(NullPointerException.class,
        () -> Variables.stack(0, x, x, null)).getMessage());
    assertEquals("stack: variable 0 is null", assertThrows(NullPointerException.class,
        () -> Variables.stack(0, null, x)).getMessage());
    assertEquals("concat: variables are null", assertThrows(NullPointerException.class,
        () -> Variables.concat(0, (Variable[]) null)).getMessage());
    assertEquals("stack: variables are null", assertThrows(NullPointerException.class,
        () -> Variables.stack(0, (Variable[]) null)).getMessage());
  }

  /** As for Tensor: no static method of Variable takes a list of variables it could ignore. */
  @Test
  void noStaticMethodOfVariableTakesAListOfVariables() {
    List<String> traps = Arrays.stream(Variable.class.getMethods())
        .filter(m -> Modifier.isStatic(m.getModifiers()) && m.getDeclaringClass() == Variable.class)
        .filter(m -> m.isVarArgs() && lastParameter(m) == Variable[].class)
        .map(Method::toString).toList();
    assertTrue(traps.isEmpty(), "static on Variable, reachable through an instance: " + traps);
  }

  private static Class<?> lastParameter(Method m) {
    Class<?>[] types = m.getParameterTypes();
    return types[types.length - 1];
  }
}
