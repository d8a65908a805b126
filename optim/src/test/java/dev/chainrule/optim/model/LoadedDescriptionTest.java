package dev.chainrule.optim.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.model.InvalidDescriptionException.Rule;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A description read back: a split's row count beyond an int is named, a loaded float32 model's
 * scaling standardises its data as the first run's fitted statistics did, bit for bit, and its
 * rows split another way than its own were are refused.
 */
class LoadedDescriptionTest {
  private static final String WITH_ROWS = ("{'format':'chainrule.model','version':3,'name':'m',"
      + "'task':'binary','dtype':'FLOAT64','layers':[{'type':'dense','in':2,'out':1,'bias':true},"
      + "{'type':'activation','name':'sigmoid'}],'features':{'names':['a','b']},'label':{'name':"
      + "'y','classes':['0','1']},'split':{'seed':3,'test_fraction':0.25,'rows':ROWS}}")
      .replace('\'', '"');

  /** An ArithmeticException ("integer overflow") named neither the field nor the file. */
  @Test
  void aRowCountBeyondAnIntIsNamed() {
    assertEquals(8, ModelDescription.fromJson(WITH_ROWS.replace("ROWS", "8"), "m").split().rows());
    InvalidDescriptionException e = assertThrows(InvalidDescriptionException.class,
        () -> ModelDescription.fromJson(WITH_ROWS.replace("ROWS", "4294967296"), "m.safetensors"));
    assertEquals(Rule.WRONG_TYPE, e.rule());
    assertEquals("m.safetensors: " + Rule.WRONG_TYPE.text() + ": \"split.rows\" must be a whole"
        + " number up to 2147483647", e.getMessage());
  }

  private static Dataset float32Rows(int n) {
    Random random = new Random(5);
    float[] x = new float[2 * n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[2 * i] = (float) (3 * random.nextGaussian() + 10);
      x[2 * i + 1] = (float) (random.nextGaussian() - 4);
      y[i] = i % 2;
    }
    return new Dataset(Tensor.of(x, n, 2), Tensor.vector(y));
  }

  /**
   * The description keeps float32 statistics exactly (as doubles); standardising with them in
   * float64 made the loaded problem's features float64 (twice the memory) and, rounded back to
   * float32 per batch, some of them one ulp off the fitted run's (with these rows 4 of 1,000
   * differ): a --load rerun did not see the data its weights were trained on. Compared exactly:
   * the same float32 operations on the same float32 statistics leave nothing to round.
   */
  @Test
  void aLoadedFloat32ModelsScalingGivesTheFittedFeaturesBitForBit() {
    Problem.Columns columns = new Problem.Columns(List.of("a", "b"), "y");
    List<String> classes = List.of("no", "yes");
    Problem first = Problems.classification("toy", float32Rows(500), columns, classes, 0.2, 7L,
        "toy.csv", null);
    ModelDescription described = first.describe(Sequential.of(Dense.of(2, 2, 1L))
        .to(DType.FLOAT32));
    ModelDescription read = ModelDescription.fromJson(described.toJson(), "m.safetensors");
    Problem again = Problems.classification("toy", float32Rows(500), columns, classes, 0.2, 7L,
        "toy.csv", read);
    assertEquals(DType.FLOAT32, again.train().dtype());
    assertEquals(first.train().features(), again.train().features());
    assertEquals(first.test().features(), again.test().features());
  }

  /**
   * Only the row count was compared: the same rows split by another seed (or fraction) put rows
   * the model was trained on into the test part without a word, and its test score counted them.
   */
  @Test
  void aLoadedModelsRowsSplitAnotherWayAreRefused() {
    Problem.Columns columns = new Problem.Columns(List.of("a", "b"), "y");
    List<String> classes = List.of("no", "yes");
    Problem first = Problems.classification("toy", float32Rows(40), columns, classes, 0.2, 7L,
        "toy.csv", null);
    ModelDescription described = first.describe(Sequential.of(Dense.of(2, 2, 1L))
        .to(DType.FLOAT32));
    assertEquals("toy.csv: the loaded model was trained and tested on a split with seed 7 and"
        + " test fraction 0.2, and this split has seed 8 and test fraction 0.2: its test part"
        + " would hold rows the model was trained on; split with the model's seed and fraction,"
        + " or score new data with predict",
        assertThrows(IllegalArgumentException.class, () -> Problems.classification("toy",
            float32Rows(40), columns, classes, 0.2, 8L, "toy.csv", described)).getMessage());
    String otherFraction = assertThrows(IllegalArgumentException.class, () -> Problems.regression(
        "toy", new Dataset(float32Rows(40).features(), Tensor.of(new double[40], 40, 1)),
        columns, 0.25, 7L, "toy.csv", described.withSplit(new ModelDescription.DataSplit(7L, 0.2))))
        .getMessage();
    assertEquals("toy.csv: the loaded model was trained and tested on a split with seed 7 and"
        + " test fraction 0.2, and this split has seed 7 and test fraction 0.25",
        otherFraction.substring(0, otherFraction.indexOf(':', "toy.csv: ".length())));
  }
}
