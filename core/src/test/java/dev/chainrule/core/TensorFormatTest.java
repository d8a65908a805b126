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

  /**
   * PyTorch 1.13's bounds (its output in each comment): a magnitude above 10⁸, not from it; 10⁸
   * itself was scientific here, where PyTorch prints it plainly.
   */
  @Test
  void scientificNotationAboveOneHundredMillionAndBelowOneTenThousandth() {
    assertEquals("tensor([0.0001])", Tensor.vector(1e-4).toString());
    assertEquals("tensor([9.9999e-05])", Tensor.vector(9.9999e-5).toString());
    assertEquals("tensor([99999999])", Tensor.vector(99_999_999).toString());
    // tensor([100000000.]), tensor([-100000000.])
    assertEquals("tensor([100000000])", Tensor.vector(1e8).toString());
    assertEquals("tensor([-100000000])", Tensor.vector(-1e8).toString());
    assertEquals("tensor([100000000], dtype=float32)",
        Tensor.vector(1e8).to(DType.FLOAT32).toString());
    // tensor([1.0000e+08], dtype=torch.float64): the next whole number is above the bound
    assertEquals("tensor([1.0000e+08])", Tensor.vector(100_000_001).toString());
    // PyTorch's ratio rule is "above 1000" too: 500 / 0.5 is plain, 500.5 / 0.5 is not.
    assertFalse(Tensor.vector(0.5, 500).toString().contains("e+"),
        Tensor.vector(0.5, 500).toString());
    assertTrue(Tensor.vector(0.5, 500.5).toString().contains("e+"),
        Tensor.vector(0.5, 500.5).toString());
    assertEquals("tensor([1.0000e+08, 2.0000e+08])", Tensor.vector(1e8, 2e8).toString());
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
    assertEquals("tensor([100000000.0000])", Tensor.vector(99_999_999.99999).toString());
    assertEquals("tensor(3.0000, dtype=float32)",
        Tensor.scalar(3.00001, DType.FLOAT32).toString());
  }

  /**
   * Nor any other rounded value like an exact one: 0.50001 stripped to "0.5" read as exactly 0.5,
   * and 2.50001 as 2.5. When any element is rounded, every element gets four decimals, as in
   * PyTorch 1.13 (its output in each comment), the exact ones too, so the column does not mix
   * "0.5" and "0.5000" for what reads as one number.
   */
  @Test
  void anyRoundedElementGivesEveryElementFourDecimals() {
    // tensor([0.5000, 0.5000])
    assertEquals("tensor([0.5000, 0.5000])", Tensor.vector(0.5, 0.50001).toString());
    // tensor([1.0000, 1.0000])
    assertEquals("tensor([1.0000, 1.0000])", Tensor.vector(1, 1.00001).toString());
    // tensor([0.1000, 0.1000, 0.1000])
    assertEquals("tensor([0.1000, 0.1000, 0.1000])",
        Tensor.vector(0.1, 0.10004, 0.09996).toString());
    // tensor([3.0000, 3.0000, 2.5000], dtype=torch.float64)
    assertEquals("tensor([3.0000, 3.0000, 2.5000])", Tensor.vector(3, 3.00001, 2.50001).toString());
    // tensor([-0.0000,  1.2346])
    assertEquals("tensor([-0.0000,  1.2346])", Tensor.vector(-0.0, 1.23456).toString());
    assertEquals("tensor(0.5000)", Tensor.scalar(0.50001).toString());
    assertEquals("tensor([0.2500, 0.2500], dtype=float32)",
        Tensor.vector(0.25, 0.25004).to(DType.FLOAT32).toString());
  }

  /**
   * A value is exact as the shortest decimal that reads back as it in its type: 0.1 and float32's
   * 0.1f (0.100000001490116... as a double) print "0.1", as Java and PyTorch write them, and keep
   * the plain notation; four decimals written are four decimals shown.
   */
  @Test
  void exactValuesKeepThePlainNotation() {
    assertEquals("tensor([ 0.1, 2.25,    3])", Tensor.vector(0.1, 2.25, 3).toString());
    assertEquals("tensor([ 0.1, 2.25,    3], dtype=float32)",
        Tensor.vector(0.1, 2.25, 3).to(DType.FLOAT32).toString());
    assertEquals("tensor([0.2413,  2.021])", Tensor.vector(0.2413, 2.021).toString());
  }

  /**
   * Rounding starts from the stored value, as Python's format does for PyTorch: 0.00015 is stored
   * as 1.4999999999999999e-4 and 0.00025 as 2.5000000000000001e-4, so PyTorch prints
   * tensor([0.0001, 0.0003]); rounding their shortest decimals, a tie each, gave 0.0002 for both.
   */
  @Test
  void roundingIsOfTheStoredValueOnce() {
    assertEquals("tensor([0.0001, 0.0003])", Tensor.vector(0.00015, 0.00025).toString());
    // Scientific too: both are stored just below their tie, tensor([9.5405e-06, 2.3399e-07]);
    // String.format's %.4e rounds the shortest decimal and writes 9.5406e-06 and 2.3400e-07.
    assertEquals("tensor([9.5405e-06, 2.3399e-07])",
        Tensor.vector(9.54055e-6, 2.33995e-7).toString());
    // 0.03125 is an exact tie, to even: tensor([0.0312, 0.5000])
    assertEquals("tensor([0.0312, 0.5000])", Tensor.vector(0.03125, 0.50001).toString());
  }

  /**
   * Four decimals leave a value below 10⁻³ one significant digit beside larger ones, so when the
   * magnitudes span more than 1000 and some element is not whole, every element is scientific,
   * as in PyTorch and NumPy. Whole numbers lose no digit at any spread, and stay plain.
   */
  @Test
  void aSpreadAboveOneThousandOfValuesNotWholeIsScientific() {
    // tensor([1.5000e-04, 2.5000e-04, 3.5000e-04, 1.0000e+00])
    assertEquals("tensor([1.5000e-04, 2.5000e-04, 3.5000e-04, 1.0000e+00])",
        Tensor.vector(0.00015, 0.00025, 0.00035, 1).toString());
    // tensor([ 1.5000, -2.0010e+03]) would not be PyTorch's: tensor([ 1.5000e+00, -2.0010e+03])
    assertEquals("tensor([ 1.5000e+00, -2.0010e+03])", Tensor.vector(1.5, -2001).toString());
    // tensor([  0.0000,   0.5000, 500.0000]): a ratio of 1000 is not above it, and 0 takes no part
    assertEquals("tensor([  0, 0.5, 500])", Tensor.vector(0, 0.5, 500).toString());
    // tensor([5.0000e-01, 5.0050e+02])
    assertEquals("tensor([5.0000e-01, 5.0050e+02])", Tensor.vector(0.5, 500.5).toString());
    assertEquals("tensor([5.0000e-01, 2.0000e+03])", Tensor.vector(0.5, 2000).toString());
    assertEquals("tensor([   1, 2000])", Tensor.vector(1, 2000).toString(),
        "whole: plain, where PyTorch writes tensor([1.0000e+00, 2.0000e+03])");
    assertEquals("tensor([      3, 1000000])", Tensor.vector(3, 1e6).toString(),
        "whole: plain, where PyTorch writes tensor([3.0000e+00, 1.0000e+06])");
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
