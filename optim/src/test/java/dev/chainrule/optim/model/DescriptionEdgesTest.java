package dev.chainrule.optim.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.data.UnlearnableDataException;
import dev.chainrule.optim.model.InvalidDescriptionException.Rule;
import dev.chainrule.optim.model.Layer.ActivationLayer;
import dev.chainrule.optim.model.Layer.DenseLayer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Model descriptions at their edges: unknown fields in every nested object, the first layer, a
 * split set in the builder, built-in softmax described, the hidden activation of a net with two
 * activations in a row, and a loaded description's scaling reaching a regression problem.
 */
class DescriptionEdgesTest {
  private static String json(String text) {
    return text.replace('\'', '"');
  }

  private static final String WITH_SPLIT = json("{'format':'chainrule.model','version':1,"
      + "'name':'m','task':'binary','dtype':'FLOAT64','layers':[{'type':'dense','in':2,'out':1,"
      + "'bias':true},{'type':'activation','name':'sigmoid'}],'features':{'names':['a','b']},"
      + "'label':{'name':'y','classes':['0','1']},'split':{'seed':3,'test_fraction':0.25}}");

  private static void assertUnknown(String message, String text) {
    InvalidDescriptionException e = assertThrows(InvalidDescriptionException.class,
        () -> ModelDescription.fromJson(text, "m.safetensors"));
    assertEquals(Rule.UNKNOWN_FIELD, e.rule());
    assertEquals("m.safetensors: " + Rule.UNKNOWN_FIELD.text() + ": " + message, e.getMessage());
  }

  @Test
  void everyNestedObjectRefusesUnknownFields() {
    assertEquals(new ModelDescription.DataSplit(3, 0.25),
        ModelDescription.fromJson(WITH_SPLIT, "m").split());
    assertUnknown("\"x\" in features", WITH_SPLIT.replace(json("'names':['a','b']"),
        json("'names':['a','b'],'x':1")));
    assertUnknown("\"x\" in label", WITH_SPLIT.replace(json("'name':'y'"),
        json("'name':'y','x':1")));
    assertUnknown("\"x\" in split", WITH_SPLIT.replace(json("'seed':3"), json("'seed':3,'x':1")));
    // The split's rows are version 3's: an older version's split has none.
    assertUnknown("\"rows\" in split", WITH_SPLIT.replace(json("'seed':3"),
        json("'seed':3,'rows':8")));
    // The rows' fingerprint is version 4's: a version 3 split has none, version 4 reads it.
    String sha = "0123456789abcdef".repeat(4);
    String v3 = WITH_SPLIT.replace(json("'version':1"), json("'version':3"));
    assertUnknown("\"rows_sha256\" in split", v3.replace(json("'seed':3"),
        json("'seed':3,'rows':8,'rows_sha256':'" + sha + "'")));
    assertEquals(new ModelDescription.DataSplit(3, 0.25, 8, sha), ModelDescription.fromJson(
        v3.replace(json("'version':3"), json("'version':4")).replace(json("'seed':3"),
            json("'seed':3,'rows':8,'rows_sha256':'" + sha + "'")), "m").split());
    assertUnknown("\"x\" in layers[0]", WITH_SPLIT.replace(json("'bias':true"),
        json("'bias':true,'x':1")));
  }

  /**
   * A file is written in the oldest version that reads it, so that an older chainrule still
   * reads a description that uses nothing newer: a split without rows is version 1's, one with
   * rows but no fingerprint version 3's.
   */
  @Test
  void aSplitIsWrittenInTheOldestVersionThatReadsIt() {
    assertEquals(WITH_SPLIT, ModelDescription.fromJson(WITH_SPLIT, "m").toJson());
    String rows = WITH_SPLIT.replace(json("'version':1"), json("'version':3"))
        .replace(json("'test_fraction':0.25"), json("'test_fraction':0.25,'rows':8"));
    assertEquals(rows, ModelDescription.fromJson(rows, "m").toJson());
  }

  private static final String TIED = json("{'format':'chainrule.model','version':2,'name':'',"
      + "'task':'regression','dtype':'FLOAT64','layers':[{'type':'dense','in':2,'out':2,"
      + "'bias':true},{'type':'activation','name':'tanh'},{'type':'dense','in':2,'out':2,"
      + "'bias':true,'same_as':0}],'features':{'names':['x1','x2']},"
      + "'label':{'name':'','classes':[]}}");

  @Test
  void aLayerAtTwoPlacesIsDescribedAsTiedAndRebuiltAsOne() {
    Dense d = Dense.of(2, 2, 1L);
    ModelDescription tied = ModelDescription.builder(Task.REGRESSION,
        ModelDescription.layersOf(Sequential.of(d, Activation.tanh(), d))).build();
    assertEquals(new DenseLayer(2, 2, true, 0), tied.layers().get(2));
    assertEquals(TIED, tied.toJson(), "version 2, for the tie only");
    assertEquals(tied, ModelDescription.fromJson(TIED, "m"));
    Sequential rebuilt = tied.toModule();
    assertSame(rebuilt.layers().get(0), rebuilt.layers().get(2));
    assertEquals(List.of("0.weight", "0.bias"), List.copyOf(rebuilt.namedParameters().keySet()));

    Dense copy = Dense.of(d.weight().value(), null);
    assertEquals("describe: 0.weight and 2.weight are one tensor in two distinct Dense layers, a"
        + " tie a description cannot record; use one Dense at both places",
        assertThrows(IllegalArgumentException.class, () -> ModelDescription.layersOf(
            Sequential.of(d, Activation.tanh(), copy))).getMessage());
  }

  @Test
  void aTiedPlaceMustNameAnEarlierDenseLayerOfItsSizes() {
    String layer2 = "'bias':true,'same_as':0}]";
    for (String broken : List.of("'bias':true,'same_as':2}]", "'bias':true,'same_as':1}]",
        "'bias':false,'same_as':0}]")) {
      InvalidDescriptionException e = assertThrows(InvalidDescriptionException.class,
          () -> ModelDescription.fromJson(TIED.replace(json(layer2), json(broken)), "m"));
      assertEquals(Rule.INCONSISTENT, e.rule(), e.getMessage());
      assertTrue(e.getMessage().startsWith("m: model description does not fit together: layer 2"
          + " is the same layer as layer "), e.getMessage());
    }
    assertUnknown("\"same_as\" in layers[2]", TIED.replace("\"version\":2", "\"version\":1"));
  }

  @Test
  void theFirstLayerMustBeDense() {
    assertEquals("model description: the first layer must be dense, got no layers",
        assertThrows(IllegalArgumentException.class,
            () -> ModelDescription.builder(Task.REGRESSION, List.of()).build()).getMessage());
    assertEquals("model description: the first layer must be dense, got "
        + new ActivationLayer("relu", null), assertThrows(IllegalArgumentException.class,
            () -> ModelDescription.builder(Task.REGRESSION, List.of(
                new ActivationLayer("relu", null), new DenseLayer(2, 1, true))).build())
            .getMessage());
  }

  @Test
  void theBuilderKeepsTheSplit() {
    ModelDescription d = ModelDescription.builder(Task.REGRESSION,
            List.of(new DenseLayer(2, 1, true)))
        .features(List.of("a", "b"), null).label("y", List.of()).split(9L, 0.5).build();
    assertEquals(new ModelDescription.DataSplit(9L, 0.5), d.split());
  }

  @Test
  void softmaxOverTheLastAxisIsDescribed() {
    assertEquals(List.of(new DenseLayer(2, 3, true), new ActivationLayer("softmax", null)),
        ModelDescription.layersOf(Sequential.of(Dense.of(2, 3, 1L), Activation.softmax())));
  }

  @Test
  void theHiddenActivationIsTheOneBeforeADenseLayer() {
    assertEquals("tanh", Mlp.hiddenActivation(List.of(new DenseLayer(2, 3, true),
        new ActivationLayer("relu", null), new ActivationLayer("tanh", null),
        new DenseLayer(3, 1, true))));
  }

  /** 20 rows, features i and 1000 + 50·(i mod 3), target 3·(i mod 3) + i. */
  private static Dataset rows(int n) {
    double[] x = new double[2 * n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[2 * i] = i;
      x[2 * i + 1] = 1000 + 50 * (i % 3);
      y[i] = 3 * (i % 3) + i;
    }
    return new Dataset(Tensor.of(x, n, 2), Tensor.of(y, n, 1));
  }

  private static final Problem.Columns COLUMNS = new Problem.Columns(List.of("a", "b"), "y");

  /**
   * A regression rerun with the first run's description scales features and targets with the
   * stored statistics: on the same rows and seed it gives the first run's data again.
   */
  @Test
  void aLoadedDescriptionsScalingIsUsedForRegression() {
    Problem first = Problems.regression("toy", rows(20), COLUMNS, 0.25, 3L, "toy.csv", null);
    ModelDescription described = first.describe(Sequential.of(Dense.of(2, 1, 1L)));
    assertEquals(Scaling.of(first.preparation().features()), described.featureScaling());
    assertEquals(Scaling.of(first.preparation().targets()), described.targetScaling());
    Problem again = Problems.regression("toy", rows(20), COLUMNS, 0.25, 3L, "toy.csv", described);
    assertTrue(first.train().features().allClose(again.train().features(), 0, 1e-12));
    assertTrue(first.train().labels().allClose(again.train().labels(), 0, 1e-12));
  }

  @Test
  void aRegressionWithTooFewRowsIsRefused() {
    assertEquals("toy.csv: 2 rows are too few for a test fraction of 0.25: at least 3 are needed "
        + "for a test row and 2 training rows", assertThrows(UnlearnableDataException.class,
            () -> Problems.regression("toy", rows(2), COLUMNS, 0.25, 3L, "toy.csv", null))
            .getMessage());
  }

  /**
   * A checkpoint's names are printed by the program's predict: a class named with an escape
   * sequence was obeyed by the terminal, and one with a newline began a line of its own. Names
   * come from CSV headers and cells, which hold no control character but tab, so a description
   * with one is refused, from a file or in code, and the message does not echo it.
   */
  @Test
  void namesHoldingControlCharactersAreRefusedWithoutEchoingThem() {
    String escape = WITH_SPLIT.replace(json("'classes':['0','1']"),
        json("'classes':['0','1\\u001b[31m']"));
    InvalidDescriptionException e = assertThrows(InvalidDescriptionException.class,
        () -> ModelDescription.fromJson(escape, "m.safetensors"));
    assertEquals(Rule.INCONSISTENT, e.rule());
    assertEquals("m.safetensors: " + Rule.INCONSISTENT.text() + ": the class name 2 holds the"
        + " control character 0x1b at position 2: names are text, as a CSV file's header and"
        + " cells are", e.getMessage());
    String newline = WITH_SPLIT.replace(json("'names':['a','b']"), json("'names':['a','b\\n']"));
    assertEquals("m: " + Rule.INCONSISTENT.text() + ": the feature name 2 holds the control"
        + " character 0x0a at position 2: names are text, as a CSV file's header and cells are",
        assertThrows(InvalidDescriptionException.class,
            () -> ModelDescription.fromJson(newline, "m")).getMessage());
    String label = WITH_SPLIT.replace(json("'name':'y'"), json("'name':'\\u007fy'"));
    assertEquals("m: " + Rule.INCONSISTENT.text() + ": the label name holds the control"
        + " character 0x7f at position 1: names are text, as a CSV file's header and cells are",
        assertThrows(InvalidDescriptionException.class,
            () -> ModelDescription.fromJson(label, "m")).getMessage());
    // A tab is text, as the CSV reader reads it inside a field; so is any other Unicode letter.
    String tab = WITH_SPLIT.replace(json("'classes':['0','1']"),
        json("'classes':['0\\t','é 1']"));
    assertEquals(List.of("0\t", "é 1"), ModelDescription.fromJson(tab, "m").classes());
    // Built in code, the same rule.
    ModelDescription good = ModelDescription.fromJson(WITH_SPLIT, "m");
    IllegalArgumentException inCode = assertThrows(IllegalArgumentException.class,
        () -> new ModelDescription(good.name(), good.task(), good.dtype(), good.layers(),
            good.features(), good.featureScaling(), good.label(), List.of("0", "1\r"),
            good.targetScaling(), good.split()));
    assertEquals("model description: the class name 2 holds the control character 0x0d at"
        + " position 2: names are text, as a CSV file's header and cells are",
        inCode.getMessage());
  }

  /**
   * A blank name matches no column of a CSV file (the reader strips cells and refuses an unnamed
   * column), so a model described with one could never predict; a blank class would print as
   * nothing. Refused from a file and in code, naming which name. (The label's may be blank: the
   * builder leaves it so for a model described in code.)
   */
  @Test
  void blankNamesAreRefused() {
    String feature = WITH_SPLIT.replace(json("'names':['a','b']"), json("'names':['a','']"));
    assertEquals("m: " + Rule.INCONSISTENT.text() + ": the feature name 2 is blank: names are a"
        + " CSV file's column names and cells, which have text",
        assertThrows(InvalidDescriptionException.class,
            () -> ModelDescription.fromJson(feature, "m")).getMessage());
    ModelDescription good = ModelDescription.fromJson(WITH_SPLIT, "m");
    assertEquals("model description: the class name 1 is blank: names are a CSV file's column"
        + " names and cells, which have text", assertThrows(IllegalArgumentException.class,
            () -> new ModelDescription(good.name(), good.task(), good.dtype(), good.layers(),
                good.features(), good.featureScaling(), good.label(), List.of("", "1"),
                good.targetScaling(), good.split())).getMessage());
  }
}
