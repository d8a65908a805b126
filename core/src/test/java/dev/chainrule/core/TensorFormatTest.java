package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The text of a tensor at the edges of each rule: summaries, scientific notation, nesting. */
class TensorFormatTest {
  @Test
  void aThousandElementsArePrintedInFullAndOneMoreIsSummarized() {
    String full = Tensors.arange(1000).toString();
    assertFalse(full.contains("..."), "1,000 elements: in full");
    assertTrue(full.endsWith(" 998, 999])"), full.substring(full.length() - 20));
    String summary = Tensors.arange(1001).toString();
    assertEquals("tensor([   0,    1,    2, ...,  998,  999, 1000], shape=[1001])", summary);
  }

  @Test
  void onlyAxesLongerThanTwiceTheEdgeItemsAreCut() {
    // 167 × 6 = 1,002 elements: the rows are cut, each row's 6 columns are not.
    String text = Tensors.arange(1002).reshape(167, 6).toString();
    assertTrue(text.startsWith("tensor([[   0,    1,    2,    3,    4,    5],\n"), text);
    assertTrue(text.contains("...,\n"), text);
    assertTrue(text.endsWith("[ 996,  997,  998,  999, 1000, 1001]], shape=[167, 6])"), text);
  }

  /**
   * A summary reads only the entries it shows, as PyTorch's: a hidden 1e9 chose scientific
   * notation (and the column width) for all, and the whole tensor was copied to doubles first,
   * which ran a large one out of memory.
   */
  @Test
  void hiddenEntriesChooseNeitherNotationNorWidth() {
    double[] values = new double[2000];
    for (int i = 0; i < values.length; i++) {
      values[i] = i % 7;
    }
    values[1000] = 1e9;
    assertEquals("tensor([0, 1, 2, ..., 2, 3, 4], shape=[2000])",
        Tensor.of(values, 2000).toString());
  }

  @Test
  void everyCutAxisShowsItsOwnFirstAndLastEntries() {
    // 8 × 3 × 50: axes 0 and 2 are cut, axis 1 is not; entry [i, j, k] holds 1000i + 100j + k.
    double[] values = new double[8 * 3 * 50];
    for (int i = 0; i < 8; i++) {
      for (int j = 0; j < 3; j++) {
        for (int k = 0; k < 50; k++) {
          values[(i * 3 + j) * 50 + k] = 1000 * i + 100 * j + k;
        }
      }
    }
    String text = Tensor.of(values, 8, 3, 50).toString();
    assertTrue(text.startsWith("tensor([[[   0,    1,    2, ...,   47,   48,   49],\n"), text);
    assertTrue(text.contains("[ 100,  101,  102, ...,  147,  148,  149],"), text);
    assertTrue(text.contains("[[5000, 5001, 5002, ..., 5047, 5048, 5049],"), text);
    assertFalse(text.contains("3000") || text.contains("4000"), "rows 3 and 4 are hidden");
    assertTrue(text.endsWith("[7200, 7201, 7202, ..., 7247, 7248, 7249]]], shape=[8, 3, 50])"),
        text);
  }

  @Test
  void scientificNotationFromOneHundredMillionAndBelowOneTenThousandth() {
    assertEquals("tensor([0.0001])", Tensor.vector(1e-4).toString());
    assertEquals("tensor([9.9999e-05])", Tensor.vector(9.9999e-5).toString());
    assertEquals("tensor([99999999])", Tensor.vector(99_999_999).toString());
    assertEquals("tensor([1.0000e+08])", Tensor.vector(1e8).toString());
    assertEquals("tensor([-1.0000e+08])", Tensor.vector(-1e8).toString());
    assertEquals("tensor([  0, NaN])", Tensor.vector(0, Double.NaN).toString(),
        "zero and NaN never call for it");
  }

  /**
   * Whole numbers print without decimals, so a value that is not whole must never print like one:
   * 3.00001 rounded to four decimals is 3.0000, and dropping its zeros would claim an exact 3.
   */
  @Test
  void aValueThatOnlyRoundsToAWholeNumberKeepsItsFourDecimals() {
    assertEquals("tensor([3.0000])", Tensor.vector(3.00001).toString());
    assertEquals("tensor([-2.0000])", Tensor.vector(-1.99999).toString());
    assertEquals("tensor([     3, 3.0000,    2.5])", Tensor.vector(3, 3.00001, 2.50001).toString(),
        "2.50001 is 2.5000, still not whole, so its zeros go");
    assertEquals("tensor([100000000.0000])", Tensor.vector(99_999_999.99999).toString());
    assertEquals("tensor(3.0000, dtype=float32)",
        Tensor.scalar(3.00001, DType.FLOAT32).toString());
  }

  @Test
  void negativeZeroKeepsItsSign() {
    assertEquals("tensor([ -0, 1.5])", Tensor.vector(-0.0, 1.5).toString());
    assertEquals("tensor(-0)", Tensor.scalar(-0.0).toString());
    assertEquals("tensor([ 0, -0])", Tensor.vector(0.0, -0.0).toString());
    assertEquals("tensor([-0,  1], dtype=float32)",
        Tensor.of(new float[] {-0f, 1f}, 2).toString());
    assertEquals("tensor([-0.0000e+00,  1.0000e-07])", Tensor.vector(-0.0, 1e-7).toString(),
        "scientific notation had the sign already");
  }

  @Test
  void nestedAxesAreIndentedUnderTheirBrackets() {
    assertEquals("tensor([[[0, 1]],\n\n        [[2, 3]]])",
        Tensors.arange(4).reshape(2, 1, 2).toString());
  }

  @Test
  void everyAxisBelowTheFirstSeparatesItsRowsByOneLineLess() {
    assertEquals("tensor([[[0, 1],\n         [2, 3]],\n\n        [[4, 5],\n         [6, 7]]])",
        Tensors.arange(8).reshape(2, 2, 2).toString());
  }

  /**
   * An empty tensor of any shape is one pair of brackets and its shape: row by row, a [65536,
   * 65536, 0] tensor's text would not fit in a Java string.
   */
  @Test
  void anEmptyTensorIsOnePairOfBracketsAndItsShape() {
    assertEquals("tensor([], shape=[0])", Tensors.zeros(Shape.of(0)).toString());
    assertEquals("tensor([], shape=[100000, 0])", Tensors.zeros(Shape.of(100_000, 0)).toString());
    assertEquals("tensor([], shape=[65536, 65536, 0], dtype=float32)",
        Tensors.zeros(Shape.of(0), DType.FLOAT32).reshape(65536, 65536, 0).toString());
  }
}
