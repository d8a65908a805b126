package dev.chainrule.examples.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.core.Tensor;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.model.Problem;
import dev.chainrule.optim.model.Validation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The built-in data sets hold the rows, columns and classes their descriptions promise. */
class BuiltInDataTest {
  @Test
  void digitsAre1797ImagesOf64PixelsInTenClasses() {
    Problem digits = BuiltInData.digits(1, Validation.NONE, null);
    assertEquals(1797, digits.train().size() + digits.test().size());
    List<String> pixels = digits.columns().features();
    assertEquals(64, pixels.size());
    assertEquals(List.of("pixel_0_0", "pixel_0_7", "pixel_1_0", "pixel_7_7"),
        List.of(pixels.get(0), pixels.get(7), pixels.get(8), pixels.get(63)));
    assertEquals("digit", digits.columns().label());
    assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), digits.classNames());
  }

  @Test
  void irisIs150FlowersOfThreeSpecies() {
    Problem iris = BuiltInData.iris(1, Validation.NONE, null);
    assertEquals(150, iris.train().size() + iris.test().size());
    assertEquals(List.of("sepal_length", "sepal_width", "petal_length", "petal_width"),
        iris.columns().features());
    assertEquals(List.of("setosa", "versicolor", "virginica"), iris.classNames());
  }

  /**
   * Each blob has its points around its own centre: the mean of 2,000 draws of a unit normal
   * lies within 0.15 (seven standard errors, 1 / √2000 = 0.022) of the centre.
   */
  @Test
  void blobsAreThreeClustersAroundTheirCentres() {
    int perClass = 2000;
    Problem blobs = BuiltInData.blobs(perClass, 3, Validation.NONE, null);
    assertEquals(List.of("A", "B", "C"), blobs.classNames());
    assertEquals(List.of("x1", "x2"), blobs.columns().features());
    double[][] centres = {{-2, -2}, {0, 2}, {2, -2}};
    double[][] sums = new double[3][2];
    int[] counts = new int[3];
    for (Dataset part : List.of(blobs.train(), blobs.test())) {
      Tensor raw = blobs.preparation().features().inverseTransform(part.features());
      double[] labels = part.labels().toArray();
      for (int r = 0; r < labels.length; r++) {
        int c = (int) labels[r];
        counts[c]++;
        sums[c][0] += raw.get(r, 0);
        sums[c][1] += raw.get(r, 1);
      }
    }
    for (int c = 0; c < 3; c++) {
      assertEquals(perClass, counts[c], "class " + c);
      for (int d = 0; d < 2; d++) {
        assertEquals(centres[c][d], sums[c][d] / perClass, 0.15, "class " + c + " axis " + d);
      }
    }
  }
}
