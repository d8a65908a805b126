package dev.chainrule.optim.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.data.Standardizer;
import dev.chainrule.optim.model.Problem;
import dev.chainrule.optim.model.Validation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The feature columns that hold one value in every row trained on: found on the standardised
 * rows with their values in the file's units, warned of by train, recorded in the saved file
 * (indices in range only), and warned of by predict for the first row with another value there.
 */
class ConstantFeaturesTest {
  private static final ConstantFeatures.Column K = new ConstantFeatures.Column(1, "k", 7, false);
  private static final ConstantFeatures.Column Z =
      new ConstantFeatures.Column(3, "z", (float) 0.1, true);

  /** Rows of x (varying) and k (7 in every row), standardised, in {@code dtype}. */
  private static Problem problem(DType dtype, Validation fittedWithout) {
    Tensor x = Tensor.matrix(new double[][] {{1, 7}, {2, 7}, {4, 7}, {8, 7}}).to(dtype);
    Dataset raw = new Dataset(x, Tensor.vector(0, 1, 0, 1));
    Standardizer standardizer = Standardizer.fit(raw);
    Dataset train = standardizer.transform(raw);
    return new Problem("train", train, train, List.of("a", "b"), false,
        new Problem.Columns(List.of("x", "k"), "y"),
        new Problem.Preparation(standardizer, null, null, fittedWithout));
  }

  @Test
  void aColumnOfOneValueIsFoundWithThatValue() {
    assertEquals(List.of(new ConstantFeatures.Column(1, "k", 7, false)),
        ConstantFeatures.of(problem(DType.FLOAT64, null), Validation.NONE, 1));
    assertEquals(List.of(new ConstantFeatures.Column(1, "k", 7, true)),
        ConstantFeatures.of(problem(DType.FLOAT32, null), Validation.NONE, 1));
  }

  @Test
  void noColumnsAreFoundWithoutAStandardisationOrForARefusedShare() {
    Problem plain = problem(DType.FLOAT64, null);
    Problem unscaled = new Problem(plain.task(), plain.train(), plain.test(),
        plain.classNames(), false, plain.columns(), new Problem.Preparation(null, null, null));
    assertEquals(List.of(), ConstantFeatures.of(unscaled, Validation.NONE, 1));
    // Fitted without a share the run does not hold out: HeldOutRows refuses, the run stops there.
    assertEquals(List.of(), ConstantFeatures.of(problem(DType.FLOAT64, new Validation(0.25, 0)),
        Validation.NONE, 1));
  }

  @Test
  void trainWarnsOfOneColumnOrSeveral() {
    assertEquals("warning: the feature \"k\" is 7 in all 1,234 rows trained on: the model cannot"
        + " learn anything from it, and would answer a row with another value there through"
        + " weights that never trained; leave it out (--drop k)",
        ConstantFeatures.warning(List.of(K), 1234, names -> "--drop " + String.join(",", names)));
    assertEquals("warning: the features \"k\" (7), \"z\" (0.1) each hold one value in all 10"
        + " rows trained on: the model cannot learn anything from them, and would answer a row"
        + " with another value there through weights that never trained; leave them out (--drop"
        + " k,z)", ConstantFeatures.warning(List.of(K, Z), 10,
            names -> "--drop " + String.join(",", names)));
  }

  @Test
  void theSavedFileRecordsColumnIndicesInRange() {
    Map<String, String> metadata = ConstantFeatures.metadata(List.of(K, Z));
    assertEquals(Map.of(ConstantFeatures.METADATA_KEY, "1,3"), metadata);
    assertEquals(Map.of(), ConstantFeatures.metadata(List.of()));
    assertArrayEquals(new int[] {1, 3}, ConstantFeatures.recorded(metadata, 4));
    assertArrayEquals(new int[] {0}, ConstantFeatures.recorded(
        Map.of(ConstantFeatures.METADATA_KEY, "0"), 1));
    for (String entry : List.of("4", "-1", "", "1,x")) {
      assertArrayEquals(new int[0], ConstantFeatures.recorded(
          Map.of(ConstantFeatures.METADATA_KEY, entry), 4), entry);
    }
    assertArrayEquals(new int[0], ConstantFeatures.recorded(Map.of(), 4));
  }

  @Test
  void rowsWithoutConstantColumnsAreTheRowsThemselves() {
    Tensor rows = Tensor.matrix(new double[][] {{1, 2}});
    assertSame(rows, ConstantFeatures.withoutConstant(rows, new int[0]));
  }

  @Test
  void predictNamesTheFirstRowWithAnotherValueAndCountsTheRest() {
    // Columns 0 and 2 are constant (means 5 and 0.5); rows 0 and 3 differ in column 0, row 2 in
    // column 2, row 1 is missing there (NaN), which differs from nothing.
    Tensor standardized = Tensor.matrix(new double[][] {
        {1.5, 9, 0}, {0, 9, Double.NaN}, {0, 9, -2}, {4, 9, 0}});
    Tensor raw = Tensor.matrix(new double[][] {
        {6.5, 1, 0.5}, {5, 1, Double.NaN}, {5, 1, -1.5}, {9, 1, 0.5}});
    List<Double> means = List.of(5.0, 0.0, 0.5);
    List<String> names = List.of("a", "x", "c");
    assertEquals(Optional.of("line 2: a is 6.5, and was 5 in every row the model trained on:"
        + " the model never learned what another value there means, so its prediction for that"
        + " row is unfounded; 2 more rows differ there"), ConstantFeatures.warning(standardized,
            raw, new int[] {0, 2}, means, names, row -> "line " + (row + 2)));
    // A missing value (NaN) in a constant column differs from nothing.
    assertEquals(Optional.of("line 4: c is -1.5, and was 0.5 in every row the model trained on:"
        + " the model never learned what another value there means, so its prediction for that"
        + " row is unfounded"), ConstantFeatures.warning(standardized.slice(0, 1, 3),
            raw.slice(0, 1, 3), new int[] {0, 2}, means, names, row -> "line " + (row + 3)));
    // The first row is the first of the rows, whichever column comes first in the list.
    assertEquals(Optional.of("line 2: c is -1.5, and was 0.5 in every row the model trained on:"
        + " the model never learned what another value there means, so its prediction for that"
        + " row is unfounded; 1 more row differs there"), ConstantFeatures.warning(
            standardized.slice(0, 2, 4), raw.slice(0, 2, 4), new int[] {2, 0}, means, names,
            row -> "line " + (row + 2)));
  }

  @Test
  void aFloat32RunsValuesAreWrittenAsFloat32() {
    Tensor standardized = Tensor.matrix(new double[][] {{1, 0}}).to(DType.FLOAT32);
    Tensor raw = Tensor.matrix(new double[][] {{0.1, 0}}).to(DType.FLOAT32);
    assertEquals(Optional.of("line 2: a is 0.1, and was 0.3 in every row the model trained on:"
        + " the model never learned what another value there means, so its prediction for that"
        + " row is unfounded"), ConstantFeatures.warning(standardized, raw, new int[] {0},
            List.of((double) (float) 0.3, 0.0), List.of("a", "b"), row -> "line " + (row + 2)));
  }
}
