package dev.chainrule.examples.data;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.optim.data.CsvData;
import dev.chainrule.optim.data.CsvReader;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.model.ModelDescription;
import dev.chainrule.optim.model.Problem;
import dev.chainrule.optim.model.Problems;
import dev.chainrule.optim.model.Validation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

/**
 * The data sets the commands train on: the 8×8 digits and Iris (shipped inside the program), and
 * generated ones (XOR, Gaussian blobs). Each comes split (stratified, seeded) and standardised with
 * the statistics of the rows trained on (the training part less the rows {@code --validation}
 * holds out), or with those of a loaded model ({@code loaded}, else null).
 */
public final class BuiltInData {
  private BuiltInData() {}

  /** The share of rows the built-in data sets hold out for testing. */
  public static final double TEST_FRACTION = 0.25;

  /**
   * 1,797 8×8 images of handwritten digits, pixels 0..16, classes 0..9; a quarter for testing.
   *
   * @param seed the seed of the random choices
   * @param validation the share of the training part the run holds out; the rest's statistics
   *     standardise the data
   * @param loaded the description of a model --load rebuilt, or null for a new model
   * @return the problem
   */
  public static Problem digits(long seed, Validation validation, ModelDescription loaded) {
    CsvData data = readResource("digits.csv.gz", CsvReader.builder().header(false).build());
    List<String> pixels = IntStream.range(0, 64).mapToObj(i -> "pixel_" + i / 8 + "_" + i % 8)
        .toList();
    return classification("digits", data.dataset(), new Problem.Columns(pixels, "digit"),
        data.classNames(), seed, validation, loaded);
  }

  /**
   * Fisher's 150 irises, 4 measurements, 3 species; a quarter for testing.
   *
   * @param seed the seed of the random choices
   * @param validation the share of the training part the run holds out; the rest's statistics
   *     standardise the data
   * @param loaded the description of a model --load rebuilt, or null for a new model
   * @return the problem
   */
  public static Problem iris(long seed, Validation validation, ModelDescription loaded) {
    CsvData data = readResource("iris.csv",
        CsvReader.builder().skipLines(1).header(false).build());
    return classification("iris", data.dataset(), new Problem.Columns(List.of("sepal_length",
        "sepal_width", "petal_length", "petal_width"), "species"),
        List.of("setosa", "versicolor", "virginica"), seed, validation, loaded);
  }

  /**
   * Three Gaussian clusters with standard deviation 1 around (−2, −2), (0, 2) and (2, −2),
   * {@code perClass} points each; a quarter for testing. The clusters overlap, so no classifier is
   * perfect: about 0.97 is the best possible rate.
   *
   * @param perClass points per cluster
   * @param seed the seed of the random choices
   * @param validation the share of the training part the run holds out; the rest's statistics
   *     standardise the data
   * @param loaded the description of a model --load rebuilt, or null for a new model
   * @return the problem
   */
  public static Problem blobs(int perClass, long seed, Validation validation,
      ModelDescription loaded) {
    double[][] centres = {{-2, -2}, {0, 2}, {2, -2}};
    RandomGenerator random = Tensors.seeded(seed);
    List<Tensor> parts = new ArrayList<>();
    double[] labels = new double[3 * perClass];
    for (int c = 0; c < 3; c++) {
      parts.add(Tensors.randn(Shape.of(perClass, 2), random).add(Tensor.vector(centres[c])));
      for (int i = 0; i < perClass; i++) {
        labels[c * perClass + i] = c;
      }
    }
    Dataset all = new Dataset(Tensors.concat(0, parts.toArray(Tensor[]::new)),
        Tensor.vector(labels));
    return classification("blobs", all, new Problem.Columns(List.of("x1", "x2"), "blob"),
        List.of("A", "B", "C"), seed, validation, loaded);
  }

  private static Problem classification(String task, Dataset all, Problem.Columns columns,
      List<String> classNames, long seed, Validation validation, ModelDescription loaded) {
    return Problems.classification(task, all, columns, classNames, TEST_FRACTION, seed, task,
        loaded, validation);
  }

  private static CsvData readResource(String name, CsvReader reader) {
    try (InputStream in = BuiltInData.class.getResourceAsStream("/data/" + name)) {
      if (in == null) {
        throw new IllegalStateException("the program is missing its resource data/" + name);
      }
      return reader.read(in, name);
    } catch (IOException e) {
      throw new UncheckedIOException("reading data/" + name + ": " + e.getMessage(), e);
    }
  }
}
