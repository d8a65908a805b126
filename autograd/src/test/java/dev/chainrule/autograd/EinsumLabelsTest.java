package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The edges of the label alphabet (A, Z, a, z) and of the size checks across three operands:
 * each letter is its own label in values and in messages, and a refusal names the operands that
 * disagree, whichever came first with a size other than 1.
 */
class EinsumLabelsTest {

  private static Variable x(int... dims) {
    return Variable.parameter(Tensors.randn(Shape.of(dims), 7L));
  }

  private static void refused(String message, String equation, Variable... operands) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Variables.einsum(equation, operands));
    assertEquals(message, e.getMessage());
  }

  /**
   * A, Z, a, z and T (which an off-by-one Z would collide with) are five labels; the values
   * match the nested-loop definition. Each element sums 2 products of 2 factors, so 1e-12 is
   * thousands of roundoffs for values of size about 1, and a wrong label is off by a whole term.
   */
  @Test
  void theAlphabetsEdgesAreLabels() {
    Tensor a = Tensors.randn(Shape.of(2, 3, 2), 1L);
    Tensor b = Tensors.randn(Shape.of(2, 4, 2), 2L);
    String equation = "AzT,TaZ->ZzaA";
    Tensor actual = Variables.einsum(equation, Variable.parameter(a), Variable.parameter(b))
        .value();
    NaiveEinsum expected = NaiveEinsum.of(equation, List.of(a, b));
    assertArrayEquals(new int[] {2, 3, 4, 2}, actual.shape().dims());
    assertArrayEquals(expected.values(), actual.toArray(), 1e-12);
    // Implicit: A and Z before the lowercase ones, T summed; so [A, Z, a, z].
    Tensor implicit = Variables.einsum("AzT,TaZ", Variable.parameter(a), Variable.parameter(b))
        .value();
    assertArrayEquals(NaiveEinsum.of("AzT,TaZ->AZaz", List.of(a, b)).values(),
        implicit.toArray(), 1e-12);
    assertArrayEquals(new int[] {2, 2, 4, 3}, implicit.shape().dims());
  }

  @Test
  void theEdgeLettersAreNamedInMessages() {
    refused("einsum 'A,A': label 'A' has size 3 in operand 1, shape [3], but size 2 in operand"
        + " 0, shape [2]", "A,A", x(2), x(3));
    refused("einsum 'Z,Z': label 'Z' has size 3 in operand 1, shape [3], but size 2 in operand"
        + " 0, shape [2]", "Z,Z", x(2), x(3));
    refused("einsum 'a,a': label 'a' has size 3 in operand 1, shape [3], but size 2 in operand"
        + " 0, shape [2]", "a,a", x(2), x(3));
    refused("einsum 'z,z': label 'z' has size 3 in operand 1, shape [3], but size 2 in operand"
        + " 0, shape [2]", "z,z", x(2), x(3));
  }

  /** A size of 1 broadcasts, so the size a later operand must match is the first other one. */
  @Test
  void aLabelIsCheckedAgainstTheFirstSizeOtherThanOne() {
    refused("einsum 'j,j,j': label 'j' has size 2 in operand 2, shape [2], but size 3 in"
        + " operand 1, shape [3]", "j,j,j", x(1), x(3), x(2));
    refused("einsum 'j,j,j': label 'j' has size 2 in operand 2, shape [2], but size 3 in"
        + " operand 0, shape [3]", "j,j,j", x(3), x(3), x(2));
  }

  @Test
  void anEllipsisIsCheckedAgainstTheFirstSizeOtherThanOne() {
    refused("einsum '...,...,...': the dimensions '...' covers do not broadcast: operand 2 [2]"
        + " has [2] and operand 1 [3] has [3]", "...,...,...", x(1), x(3), x(2));
    refused("einsum '...,...,...': the dimensions '...' covers do not broadcast: operand 2 [2]"
        + " has [2] and operand 0 [3] has [3]", "...,...,...", x(3), x(3), x(2));
  }

  /**
   * No refusal names a dimension under '...' through describe (they have their own message),
   * but its wording is kept for one that would.
   */
  @Test
  void idsAreDescribedByLetterOrPlaceUnderTheEllipsis() {
    assertEquals("label 'A'", EinsumOperands.describe(0));
    assertEquals("label 'Z'", EinsumOperands.describe(25));
    assertEquals("label 'a'", EinsumOperands.describe(26));
    assertEquals("label 'z'", EinsumOperands.describe(51));
    assertEquals("'...' dimension 0", EinsumOperands.describe(52));
    assertEquals("'...' dimension 1", EinsumOperands.describe(53));
  }

  @Test
  void anEquationPrintsAsGiven() {
    assertEquals("ij, jk -> ik", EinsumEquation.parse("ij, jk -> ik").toString());
  }
}
