package dev.chainrule.optim.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class DatasetTest {
  private static final Tensor FEATURES =
      Tensor.matrix(new double[][] {{0, 0}, {1, 10}, {2, 20}, {3, 30}});
  private static final Dataset DATA = new Dataset(FEATURES, Tensor.vector(2, 0, 1, 0));

  static void assertMessage(String expected, Executable call) {
    assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
  }

  @Test
  void sizesAndKinds() {
    assertEquals(4, DATA.size());
    assertEquals(2, DATA.featureCount());
    assertTrue(DATA.hasClassIndices());
    assertArrayEquals(new int[] {2, 0, 1, 0}, DATA.classIndices());
    assertEquals(3, DATA.classCount());
    Dataset targets = new Dataset(FEATURES, Tensors.zeros(4, 1));
    assertFalse(targets.hasClassIndices());
    assertEquals("Dataset[4 samples, features [4, 2], labels [4, 1]]", targets.toString());
    assertEquals(0, new Dataset(Tensors.zeros(0, 3), Tensors.zeros(0)).classCount());
  }

  @Test
  void subsetPicksRowsOfFeaturesAndLabelsTogether() {
    Dataset picked = DATA.subset(new int[] {3, 1, 1});
    assertEquals(Tensor.matrix(new double[][] {{3, 30}, {1, 10}, {1, 10}}), picked.features());
    assertEquals(Tensor.vector(0, 0, 0), picked.labels());
    Dataset none = DATA.subset(new int[0]);
    assertEquals(0, none.size());
    assertEquals(2, none.featureCount());
  }

  @Test
  void oneHotLabels() {
    assertEquals(Tensor.matrix(new double[][] {{0, 0, 1, 0}, {1, 0, 0, 0}, {0, 1, 0, 0},
        {1, 0, 0, 0}}), DATA.oneHotLabels(4));
    Dataset encoded = DATA.withOneHotLabels(3);
    assertEquals(Tensor.matrix(new double[][] {{0, 0, 1}, {1, 0, 0}, {0, 1, 0}, {1, 0, 0}}),
        encoded.labels());
    assertEquals(FEATURES, encoded.features());
  }

  @Test
  void constructionErrorsNameTheShapes() {
    assertMessage("Dataset: features must have shape [N, F], got [4]",
        () -> new Dataset(Tensors.zeros(4), Tensors.zeros(4)));
    assertMessage("Dataset: labels must have shape [N] (class indices) or [N, K] (targets),"
        + " got [4, 1, 1]", () -> new Dataset(FEATURES, Tensors.zeros(4, 1, 1)));
    assertMessage("Dataset: features [4, 2] and labels [3] differ in sample count (4 vs 3)",
        () -> new Dataset(FEATURES, Tensors.zeros(3)));
    assertMessage("Dataset: labels of shape [N] are class indices (whole numbers >= 0), but sample"
        + " 2 has 0.5 (targets go in labels of shape [N, K], e.g. [N, 1])",
        () -> new Dataset(FEATURES, Tensor.vector(0, 1, 0.5, 1)));
    assertMessage("Dataset: labels of shape [N] are class indices (whole numbers >= 0), but sample"
        + " 0 has NaN (targets go in labels of shape [N, K], e.g. [N, 1])",
        () -> new Dataset(FEATURES, Tensor.vector(Double.NaN, 1, 0, 1)));
    assertMessage("Dataset: labels of shape [N] are class indices (whole numbers >= 0), but sample"
        + " 3 has -1.0 (targets go in labels of shape [N, K], e.g. [N, 1])",
        () -> new Dataset(FEATURES, Tensor.vector(0, 1, 0, -1)));
    assertEquals("Dataset: features are null", assertThrows(NullPointerException.class,
        () -> new Dataset(null, Tensors.zeros(4))).getMessage());
  }

  @Test
  void methodErrorsNameTheOperation() {
    Dataset targets = new Dataset(FEATURES, Tensors.zeros(4, 1));
    assertMessage("classCount: labels [4, 1] are targets, not class indices (shape [N])",
        targets::classCount);
    assertMessage("oneHotLabels: labels [4, 1] are targets, not class indices (shape [N])",
        () -> targets.oneHotLabels(2));
    assertMessage("oneHotLabels: sample 0 has class 2, out of range for 2 classes",
        () -> DATA.oneHotLabels(2));
    assertMessage("oneHotLabels: sample 2 has class 1, out of range for 1 classes",
        () -> new Dataset(FEATURES, Tensor.vector(0, 0, 1, 0)).oneHotLabels(1));
    assertMessage("oneHotLabels: class count must be positive, got 0", () -> DATA.oneHotLabels(0));
    assertMessage("subset: index 4 (at position 1) out of range for 4 samples",
        () -> DATA.subset(new int[] {0, 4}));
    assertMessage("subset: index -1 (at position 0) out of range for 4 samples",
        () -> DATA.subset(new int[] {-1}));
    assertEquals("subset: indices are null",
        assertThrows(NullPointerException.class, () -> DATA.subset(null)).getMessage());
    assertMessage("Dataset: features [3, 2] and labels [4] differ in sample count (3 vs 4)",
        () -> DATA.withFeatures(Tensors.zeros(3, 2)));
  }
}
