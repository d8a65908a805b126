package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import org.junit.jupiter.api.Test;

/**
 * What einsum refuses, each with its whole message: einsum, the equation, and the operand, the
 * shapes or the label at fault. Each case is one torch 1.13 refuses too (its own words are in
 * the comments); float32 with float64 is the exception, taken as matmul takes it.
 */
class EinsumRefusalTest {

  private static Variable x(int... dims) {
    return Variable.parameter(Tensors.randn(Shape.of(dims), 3L));
  }

  private static void refused(String message, String equation, Variable... operands) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Variables.einsum(equation, operands));
    assertEquals(message, e.getMessage());
  }

  /** A result past a Java array is refused in einsum's words, not in those of its matmul. */
  @Test
  void aPairWhoseResultIsLongerThanAnArray() {
    refused("einsum 'i,j->ij': contracting [100000] with [100000] gives [100000, 100000], more"
        + " elements than a Java array holds (2147483645)", "i,j->ij", x(100_000), x(100_000));
    // b broadcasts from 1 to 70000: the result's size counts the broadcast one.
    refused("einsum 'bi,bj->bij': contracting [1, 50000] with [70000, 3] gives [70000, 50000,"
        + " 3], more elements than a Java array holds (2147483645)", "bi,bj->bij", x(1, 50_000),
        x(70_000, 3));
  }

  @Test
  void operandsNotAsManyAsTheTerms() {
    // torch: "fewer operands were provided than specified in the equation"
    refused("einsum 'ij,jk': the equation has 2 input terms but 1 operands were given",
        "ij,jk", x(2, 3));
    refused("einsum 'ij': the equation has 1 input terms but 2 operands were given",
        "ij", x(2, 3), x(3, 4));
  }

  @Test
  void aLabelsSizesDisagree() {
    // torch: "subscript j has size 3 for operand 1 which does not broadcast with previously
    // seen size 2"; a size of 1 would broadcast.
    refused("einsum 'ij,jk': label 'j' has size 3 in operand 1, shape [3, 4], but size 2 in"
        + " operand 0, shape [2, 2]", "ij,jk", x(2, 2), x(3, 4));
    // torch: "subscript i is repeated for operand 0 but the sizes don't match, 4 != 3"
    refused("einsum 'ii': label 'i' is repeated in operand 0, shape [3, 4], with sizes 3 and 4:"
        + " a diagonal needs equal sizes", "ii", x(3, 4));
    refused("einsum 'i,jii->j': label 'i' is repeated in operand 1, shape [2, 1, 3], with sizes"
        + " 1 and 3: a diagonal needs equal sizes", "i,jii->j", x(3), x(2, 1, 3));
  }

  @Test
  void charactersThatAreNoLabels() {
    // torch: "invalid subscript given at index 1 in the equation string, subscripts must be in
    // [a-zA-Z]"
    refused("einsum 'i1': invalid character '1' at index 1 (in the term of operand 0): labels"
        + " are the letters a-z and A-Z", "i1", x(2, 2));
    refused("einsum 'ij->ji->': invalid character '-' at index 6 (in the term of the output):"
        + " labels are the letters a-z and A-Z", "ij->ji->", x(2, 2));
    refused("einsum 'i,j->i,j': invalid character ',' at index 6 (in the term of the output):"
        + " labels are the letters a-z and A-Z", "i,j->i,j", x(2), x(2));
    refused("einsum 'ij>': invalid character '>' at index 2 (in the term of operand 0): labels"
        + " are the letters a-z and A-Z", "ij>", x(2, 2));
  }

  @Test
  void outputLabelsNotInAnInputOrRepeated() {
    // torch: "output subscript k does not appear in the equation for any input operand"
    refused("einsum 'ij->k': output label 'k' is in no input term", "ij->k", x(2, 2));
    // torch: "output subscript i appears more than once in the output"
    refused("einsum 'ij->ii': output label 'i' appears more than once in the output", "ij->ii",
        x(2, 2));
  }

  @Test
  void ellipsesUsedInconsistently() {
    // torch: "found '.' for operand 0 that is not part of any ellipsis"
    refused("einsum 'i.j': the '.' at index 1 (operand 0) is not part of a '...'", "i.j",
        x(2, 2));
    refused("einsum '..': the '.' at index 0 (operand 0) is not part of a '...'", "..", x(2));
    // torch: "found '.' for operand 0 for which an ellipsis was already found"
    refused("einsum '...i...': a second '...' at index 4 in the term of operand 0", "...i...",
        x(2, 2));
    refused("einsum 'i,...->......': a second '...' at index 10 in the term of the output",
        "i,...->......", x(2), x(2));
    // torch: "dimension 0 covered by ellipsis in operand 1 has size 4 which does not broadcast
    // with previously seen ellipsis with size 2"
    refused("einsum '...i,...i': the dimensions '...' covers do not broadcast: operand 1"
        + " [4, 3] has [4] and operand 0 [2, 3] has [2]", "...i,...i", x(2, 3), x(4, 3));
  }

  @Test
  void aTermWhoseRankIsNotItsOperands() {
    // torch: "the number of subscripts in the equation (2) does not match the number of
    // dimensions (3) for operand 0 and no ellipsis was given"
    refused("einsum 'ij': operand 0 has shape [2, 3, 4] (rank 3) but its term 'ij' has 2 labels"
        + " and no '...'", "ij", x(2, 3, 4));
    refused("einsum 'i,jk': operand 1 has shape [] (rank 0) but its term 'jk' has 2 labels"
        + " and no '...'", "i,jk", x(2), Variable.parameter(Tensor.scalar(1)));
    refused("einsum 'i...jk->i': operand 0 has shape [2, 3] (rank 2) but its term 'i...jk' has"
        + " 3 labels besides '...'", "i...jk->i", x(2, 3));
  }

  @Test
  void nullsAreNamed() {
    NullPointerException operand = assertThrows(NullPointerException.class,
        () -> Variables.einsum("i,i", x(2), null));
    assertEquals("einsum 'i,i': operand 1 is null", operand.getMessage());
    NullPointerException array = assertThrows(NullPointerException.class,
        () -> Variables.einsum("i", (Variable[]) null));
    assertEquals("einsum 'i': the operands are null", array.getMessage());
    NullPointerException equation = assertThrows(NullPointerException.class,
        () -> Variables.einsum(null, x(2)));
    assertEquals("einsum: the equation is null", equation.getMessage());
  }

  /**
   * float32 with float64 is not refused (torch: "expected scalar type Float but found Double"):
   * the product is float64, as matmul's is, so einsum is no stricter than the op it is made of.
   */
  @Test
  void float32WithFloat64GivesFloat64AsMatmulDoes() {
    Tensor a = Tensors.randn(Shape.of(2, 3), 5L).to(DType.FLOAT32);
    Tensor b = Tensors.randn(Shape.of(3, 4), 6L);
    Variable product = Variables.einsum("ij,jk->ik", Variable.parameter(a), Variable.parameter(b));
    Variable matmul = Variable.parameter(a).matmul(Variable.parameter(b));
    assertEquals(DType.FLOAT64, matmul.dtype());
    assertEquals(DType.FLOAT64, product.dtype());
    assertEquals(matmul.value(), product.value());
  }
}
