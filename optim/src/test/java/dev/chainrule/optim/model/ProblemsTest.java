package dev.chainrule.optim.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.data.RowsFingerprint;
import dev.chainrule.optim.data.UnlearnableDataException;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ProblemsTest {
  /** 20 rows, two features on very different scales, two balanced classes. */
  private static Dataset rows(int n) {
    double[] x = new double[2 * n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[2 * i] = i;
      x[2 * i + 1] = 1000 + 50 * (i % 3);
      y[i] = i % 2;
    }
    return new Dataset(Tensor.of(x, n, 2), Tensor.vector(y));
  }

  private static final Problem.Columns COLUMNS = new Problem.Columns(List.of("a", "b"), "kind");

  @Test
  void classificationSplitsByClassAndStandardisesWithTheTrainingPart() {
    Problem p = Problems.classification("toy", rows(20), COLUMNS, List.of("no", "yes"), 0.2, 7L,
        "toy.csv", null);
    assertEquals(16, p.train().size());
    assertEquals(4, p.test().size());
    // Stratified: each class keeps its share, 2 of 10 rows each.
    assertEquals(2.0, p.test().labels().sum().item(), 0.0);
    // Standardised with the training part's own statistics: mean 0, population variance 1, to
    // rounding of sums of 16 values of size ~10 (1e-12 leaves room for a few ulps each).
    Tensor mean = p.train().features().mean(0, false);
    assertTrue(mean.allClose(Tensor.vector(0, 0), 0, 1e-12), mean.toString());
    assertEquals(2, p.inputs());
    assertEquals(2, p.outputs());
    assertNull(p.preparation().targets());
  }

  @Test
  void aLoadedModelsScalingReplacesTheFittedOne() {
    Problem first = Problems.classification("toy", rows(20), COLUMNS, List.of("no", "yes"), 0.2,
        7L, "toy.csv", null);
    Sequential model = Mlp.of(2, List.of(3), 2, Activation.tanh(), 1L);
    ModelDescription described = first.describe(model);
    assertEquals(new ModelDescription.DataSplit(7L, 0.2, 20, RowsFingerprint.of(rows(20))),
        described.split());
    assertEquals(List.of("a", "b"), described.features());

    // A description from before fingerprints were recorded checks the count only: other values
    // are split and scaled as the model's rows were.
    Problem again = Problems.classification("toy", rows(20).withFeatures(
        rows(20).features().mul(2)), COLUMNS, List.of("no", "yes"), 0.2, 7L, "toy.csv",
        described.withSplit(new ModelDescription.DataSplit(7L, 0.2, 20)));
    // The doubled features are scaled with the first run's statistics, so they are not centred.
    assertTrue(again.train().features().mean(0, false).get(0) > 1);

    // Other rows, split by the file's seed, would test on rows the model was trained on.
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Problems.classification("toy", rows(24), COLUMNS, List.of("no", "yes"), 0.2, 7L,
            "toy.csv", described));
    assertEquals("toy.csv: the loaded model was trained and tested on a split of 20 rows, and"
        + " this data has 24: split the same way, its test part would hold rows the model was"
        + " trained on; score new data with predict, or train a new model", e.getMessage());
    // Round trip through the description's JSON, as a file carries it.
    assertEquals(described, ModelDescription.fromJson(described.toJson(), "toy.safetensors"));
    assertTrue(described.toJson().contains("\"version\":4"), described.toJson());
  }

  /**
   * The same number of rows, but other values or another order: the model's seed would split
   * them into a test part that holds rows it was trained on. Its own rows, in their order, pass.
   */
  @Test
  void aLoadedModelsRowsMustBeTheSameRowsInTheSameOrder() {
    ModelDescription described = Problems.classification("toy", rows(20), COLUMNS,
        List.of("no", "yes"), 0.2, 7L, "toy.csv", null)
        .describe(Mlp.of(2, List.of(3), 2, Activation.tanh(), 1L));
    Problem same = Problems.classification("toy", rows(20), COLUMNS, List.of("no", "yes"), 0.2,
        7L, "toy.csv", described);
    assertEquals(described.split(), same.preparation().split());

    int[] reversed = IntStream.range(0, 20).map(i -> 19 - i).toArray();
    Dataset reordered = rows(20).subset(reversed);
    Dataset edited = rows(20).withFeatures(rows(20).features().mul(2));
    for (Dataset other : List.of(reordered, edited)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Problems.classification("toy", other, COLUMNS, List.of("no", "yes"), 0.2, 7L,
              "toy.csv", described));
      assertEquals("toy.csv: the loaded model was trained and tested on a split of 20 rows, and"
          + " these 20 are other rows or in another order: split the same way, its test part"
          + " would hold rows the model was trained on; split the model's own rows in their"
          + " order, score new data with predict, or train a new model", e.getMessage());
    }
  }

  /**
   * The fingerprint is of the values in order: equal for the same values however the features
   * are held, different for one value changed or two rows swapped.
   */
  @Test
  void theFingerprintSeesEveryValueAndTheOrder() {
    String first = RowsFingerprint.of(rows(20));
    assertEquals(64, first.length());
    assertEquals(first, RowsFingerprint.of(rows(20)));
    int[] swapped = IntStream.range(0, 20).map(i -> i == 0 ? 1 : i == 1 ? 0 : i).toArray();
    assertNotEquals(first, RowsFingerprint.of(rows(20).subset(swapped)));
    double[] values = rows(20).features().toArray();
    values[values.length - 1] += 1e-9;
    assertNotEquals(first, RowsFingerprint.of(rows(20).withFeatures(Tensor.of(values, 20, 2))));
    // Bytes and the tensor of their values are the same rows: 3 rows of 2 pixels.
    byte[] pixels = {0, 1, 2, 3, (byte) 254, (byte) 255};
    Tensor labels = Tensor.vector(0, 1, 0);
    assertEquals(RowsFingerprint.of(Dataset.ofUnsignedBytes(pixels, 2, 255, DType.FLOAT32,
            labels)),
        RowsFingerprint.of(new Dataset(Tensors.fromUnsignedBytes(pixels, 255, DType.FLOAT32,
            Shape.of(3, 2)), labels)));
    // Equal values hash alike whatever their bits: -0 and 0, NaNs of two payloads.
    Tensor two = Tensor.vector(0, 1);
    assertEquals(RowsFingerprint.of(new Dataset(Tensor.of(new double[] {0.0, Double.NaN}, 2, 1),
            two)),
        RowsFingerprint.of(new Dataset(Tensor.of(new double[] {-0.0,
            Double.longBitsToDouble(0x7ff8_0000_0000_0001L)}, 2, 1), two)));
  }

  @Test
  void regressionStandardisesTheTargetsToo() {
    Dataset data = rows(20);
    Dataset targets = new Dataset(data.features(), data.features().slice(1, 0, 1).mul(3));
    Problem p = Problems.regression("toy", targets, COLUMNS, 0.25, 3L, "toy.csv", null);
    assertTrue(p.regression());
    assertEquals(1, p.outputs());
    // 15 standardised labels below 2: the training mean's rounding (a few ulps of μ ≈ 28, over
    // σ ≈ 17) and the sum's leave about 1e-15 (measured 1.5e-17).
    assertEquals(0, p.train().labels().mean().item(), 1e-14);
  }

  @Test
  void aColumnTooLargeToStandardiseIsRefusedByItsName() {
    Dataset data = rows(20);
    Tensor huge = data.features().mul(Tensor.vector(1, 1e305));
    String feature = assertThrows(IllegalArgumentException.class, () -> Problems.classification(
        "toy", data.withFeatures(huge), COLUMNS, List.of("no", "yes"), 0.2, 7L, "toy.csv",
        null)).getMessage();
    // The data named, the sample counted in its training part.
    assertTrue(feature.startsWith("toy.csv, its training part: Standardizer.fit: column 1"
        + " (\"b\") holds 1.1E308 at sample "), feature);
    Dataset target = new Dataset(data.features(), data.features().slice(1, 1, 2).mul(1e305));
    String label = assertThrows(IllegalArgumentException.class, () -> Problems.regression("toy",
        target, COLUMNS, 0.25, 3L, "toy.csv", null)).getMessage();
    // The target is a column, not "feature 0".
    assertTrue(label.startsWith("toy.csv, its training part: Standardizer.fit: column 0"
        + " (\"kind\") holds 1.1E308"), label);
  }

  @Test
  void aSplitWithoutTestRowsIsRefused() {
    assertThrows(UnlearnableDataException.class, () -> Problems.classification("toy", rows(2),
        COLUMNS, List.of("no", "yes"), 0.2, 7L, "toy.csv", null));
  }
}
