package dev.chainrule.spark;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.data.CsvReader;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.model.Mlp;
import dev.chainrule.optim.model.ModelDescription;
import dev.chainrule.optim.model.Problem;
import dev.chainrule.optim.model.Problems;
import dev.chainrule.optim.model.Task;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/** Data and models the Spark tests train. */
final class TestData {
  private TestData() {}

  /**
   * {@code rows} samples of 4 standard-normal features in 3 classes that a linear map separates
   * (the class is the largest of three fixed random projections): learnable, but not at once.
   */
  static Dataset blobs(int rows, long seed) {
    Tensor x = Tensors.randn(Shape.of(rows, 4), seed);
    Tensor w = Tensors.randn(Shape.of(4, 3), seed + 1);
    return new Dataset(x, x.matmul(w).argmax(1, false));
  }

  /** A 4-8-3 tanh network and its description. */
  static Sequential blobsModel(long seed) {
    return Mlp.of(4, List.of(8), 3, Activation.tanh(), seed);
  }

  static ModelDescription describe(Sequential model, List<String> classes) {
    return ModelDescription.builder(Task.CLASSIFICATION, ModelDescription.layersOf(model))
        .dtype(model.dtype()).label("class", classes).build();
  }

  static ModelDescription describeBlobs(Sequential model) {
    return describe(model, List.of("a", "b", "c"));
  }

  /**
   * The 1,797 8×8 digits (test resource, UCI, CC BY 4.0) split as the program splits them: a
   * stratified fifth held out with seed 42, standardised with the training part's statistics.
   */
  static Problem digits() {
    try {
      Path file = Path.of(TestData.class.getResource("/digits.csv.gz").toURI());
      var data = CsvReader.builder().header(false).build().read(file);
      List<String> pixels = IntStream.range(0, 64).mapToObj(i -> "pixel" + i).toList();
      return Problems.classification("train", data.dataset(),
          new Problem.Columns(pixels, "digit"), data.classNames(), 0.2, 42L, "digits.csv.gz",
          null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * ‖a − b‖∞ / ‖b‖∞ for each of the two models' parameters (‖a − b‖∞ where b is zero), the
   * largest over parameters.
   */
  static double largestRelativeDifference(Sequential a, Sequential b) {
    double worst = 0;
    for (int i = 0; i < a.parameters().size(); i++) {
      Tensor x = a.parameters().get(i).value();
      Tensor y = b.parameters().get(i).value();
      double scale = y.abs().max().item();
      double difference = x.sub(y).abs().max().item();
      worst = Math.max(worst, scale == 0 ? difference : difference / scale);
    }
    return worst;
  }

  /** Writes the rows to a CSV file with a header: x1..xF, then the label column. */
  static Path csv(Path file, Dataset data, String label) throws IOException {
    StringBuilder text = new StringBuilder();
    for (int j = 0; j < data.featureCount(); j++) {
      text.append("x").append(j + 1).append(',');
    }
    text.append(label).append('\n');
    double[] x = data.features().toArray();
    double[] y = data.labels().toArray();
    for (int i = 0; i < data.size(); i++) {
      for (int j = 0; j < data.featureCount(); j++) {
        text.append(x[i * data.featureCount() + j]).append(',');
      }
      text.append((int) y[i]).append('\n');
    }
    return Files.writeString(file, text);
  }

  /**
   * The program's test file for class weights (its ClassWeightOptionsTest's): 90 rows of x1, x2
   * and a class of a, b, c as 6:2:1 (b shifted along x1, c along x2), on which train's balanced
   * weights are 0.5, 1.5 and 3 (72 training rows, 48:16:8).
   */
  static Path imbalanced(Path file) throws IOException {
    StringBuilder text = new StringBuilder("x1,x2,kind\n");
    for (int i = 0; i < 90; i++) {
      String kind = i % 9 < 6 ? "a" : i % 9 < 8 ? "b" : "c";
      double cx = kind.equals("b") ? 3 : 0;
      double cy = kind.equals("c") ? 3 : 0;
      text.append(cx + (i % 7) * 0.1).append(',').append(cy + (i % 5) * 0.1).append(',')
          .append(kind).append('\n');
    }
    return Files.writeString(file, text);
  }
}
