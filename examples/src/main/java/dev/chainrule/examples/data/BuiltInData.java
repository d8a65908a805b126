package dev.chainrule.examples.data;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.examples.run.Problem;
import dev.chainrule.optim.data.CsvData;
import dev.chainrule.optim.data.CsvReader;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.data.Split;
import dev.chainrule.optim.data.Standardizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The data sets the commands train on: the 8×8 digits and Iris (shipped inside the program), and
 * generated ones (XOR, Gaussian blobs). Each comes split (stratified, seeded) and standardised with
 * the training part's statistics.
 */
public final class BuiltInData {
  private BuiltInData() {}

  /**
   * 1,797 8×8 images of handwritten digits, pixels 0..16, classes 0..9; a quarter for testing.
   *
   * @param seed the seed of the split
   * @return the problem
   */
  public static Problem digits(long seed) {
    CsvData data = readResource("digits.csv.gz", CsvReader.builder().header(false).build());
    return classification("digits", data.dataset(), data.classNames(), 0.25, seed);
  }

  /**
   * Fisher's 150 irises, 4 measurements, 3 species; a quarter for testing.
   *
   * @param seed the seed of the split
   * @return the problem
   */
  public static Problem iris(long seed) {
    CsvData data = readResource("iris.csv",
        CsvReader.builder().skipLines(1).header(false).build());
    return classification("iris", data.dataset(),
        List.of("setosa", "versicolor", "virginica"), 0.25, seed);
  }

  /**
   * Three Gaussian clusters with standard deviation 1 around (−2, −2), (0, 2) and (2, −2),
   * {@code perClass} points each; a quarter for testing. The clusters overlap, so no classifier is
   * perfect: about 0.97 is the best possible rate.
   *
   * @param perClass points per cluster
   * @param seed the seed of the points and the split
   * @return the problem
   */
  public static Problem blobs(int perClass, long seed) {
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
    Dataset all = new Dataset(Tensor.concat(0, parts.toArray(Tensor[]::new)),
        Tensor.vector(labels));
    return classification("blobs", all, List.of("A", "B", "C"), 0.25, seed);
  }

  /**
   * A data set split (stratified) and standardised on its training part.
   *
   * @param task the command's name
   * @param all features and class indices
   * @param classNames a name per class
   * @param testFraction the share of each class held out for testing
   * @param seed the seed of the split
   * @return the problem
   */
  public static Problem classification(String task, Dataset all, List<String> classNames,
      double testFraction, long seed) {
    Split split = all.stratifiedSplit(testFraction, seed);
    Standardizer standardizer = Standardizer.fit(split.train());
    return new Problem(task, standardizer.transform(split.train()),
        standardizer.transform(split.test()), all.classCount(), classNames, false);
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
