package dev.chainrule.optim.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.core.DType;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.model.InvalidDescriptionException.Rule;
import dev.chainrule.optim.model.Layer.ActivationLayer;
import dev.chainrule.optim.model.Layer.DenseLayer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelDescriptionTest {
  static final Sequential IRIS_NET = Sequential.of(Dense.of(4, 4, 1L), Activation.leakyRelu(0.02),
      Dense.of(4, 3, 2L));

  static final ModelDescription IRIS = ModelDescription
      .builder(Task.CLASSIFICATION, ModelDescription.layersOf(IRIS_NET))
      .name("iris")
      .features(List.of("sepal_length", "sepal_width", "petal_length", "petal_width"),
          new Scaling(List.of(5.8433, 3.0573, 3.758, 1.1993), List.of(0.8253, 0.4344, 1.7594,
              0.7596)))
      .label("species", List.of("setosa", "versicolor", "virginica"))
      .split(42L, 0.25)
      .build();

  static final ModelDescription PRICES = ModelDescription
      .builder(Task.REGRESSION, List.of(new DenseLayer(2, 8, true),
          new ActivationLayer("relu", null), new DenseLayer(8, 1, false)))
      .features(List.of("rooms", "area"), null)
      .label("price", List.of())
      .targetScaling(new Scaling(List.of(0.1 + 0.2), List.of(Math.PI)))
      .build();

  private static String json(String text) {
    return text.replace('\'', '"');
  }

  private static final String MINIMAL = json("{'format':'chainrule.model','version':1,'name':'m',"
      + "'task':'binary','dtype':'FLOAT64','layers':[{'type':'dense','in':2,'out':1,'bias':true},"
      + "{'type':'activation','name':'sigmoid'}],'features':{'names':['a','b']},"
      + "'label':{'name':'y','classes':['0','1']}}");

  private static void assertRule(Rule rule, String message, String text) {
    InvalidDescriptionException e = assertThrows(InvalidDescriptionException.class,
        () -> ModelDescription.fromJson(text, "m.safetensors"));
    assertEquals(rule, e.rule());
    assertEquals("m.safetensors: " + rule.text() + ": " + message, e.getMessage());
  }

  @Test
  void jsonRoundTripsExactly() {
    for (ModelDescription d : List.of(IRIS, PRICES)) {
      assertEquals(d, ModelDescription.fromJson(d.toJson(), "test"), d.toJson());
    }
    ModelDescription minimal = ModelDescription.fromJson(MINIMAL, "test");
    assertEquals(Task.BINARY, minimal.task());
    assertEquals(DType.FLOAT64, minimal.dtype());
    assertEquals(MINIMAL, minimal.toJson(), "the written form is the one documented");
    assertEquals(0.30000000000000004, PRICES.targetScaling().mean().get(0));
  }

  @Test
  void javaSerializationGoesThroughTheJson() throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(IRIS);
    }
    try (ObjectInputStream in = new ObjectInputStream(
        new ByteArrayInputStream(bytes.toByteArray()))) {
      assertEquals(IRIS, in.readObject());
    }
  }

  @Test
  void theModuleIsRebuiltLayerForLayer() {
    Sequential rebuilt = IRIS.toModule();
    assertEquals(ModelDescription.layersOf(IRIS_NET), ModelDescription.layersOf(rebuilt));
    assertEquals(IRIS_NET.namedParameters().keySet(), rebuilt.namedParameters().keySet());
    assertEquals(new ActivationLayer("leaky-relu", 0.02), IRIS.layers().get(1));
    assertEquals(4, IRIS.inputs());
    assertEquals(3, IRIS.outputs());
  }

  /**
   * Text that is not JSON is refused in the words the safetensors header's is: Jackson's ended in
   * advice to enable its features ("enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow")
   * or named its settings ("[Source: REDACTED (`StreamReadFeature...` disabled)").
   */
  @Test
  void textThatIsNotJsonIsRefusedWithoutJacksonsAdvice() {
    int cut = MINIMAL.indexOf("\"features\"");
    assertRule(Rule.INVALID_JSON, "NaN is not a JSON number (JSON has no NaN or Infinity; a"
        + " number such as NaN is written as a string) (at character 120)",
        MINIMAL.replace("\"in\":2", "\"in\":NaN"));
    assertRule(Rule.INVALID_JSON, "the text ends in the middle of an object (at character "
        + (cut + 1) + ")", MINIMAL.substring(0, cut));
    assertRule(Rule.INVALID_JSON, "text after the end of the object", MINIMAL + " oops");
    // A JSON value after it, which Jackson reads as one, is text after the end too.
    assertRule(Rule.INVALID_JSON, "text after the end of the object", MINIMAL + " {}");
    assertRule(Rule.INVALID_JSON, "'tru' is not a JSON value (a string in double quotes, a"
        + " number, an object, an array, true, false or null) (at character 134)",
        MINIMAL.replace("true", "tru"));
  }

  @Test
  void eachRuleOfTheStrictReadHasItsError() {
    assertRule(Rule.INVALID_JSON, "the text ends before the object opened at line 1, column 1"
        + " is closed (at character 2)", "{");
    assertRule(Rule.WRONG_TYPE, "the description is not a JSON object", "[1]");
    assertRule(Rule.NOT_A_DESCRIPTION, "format is \"other\", not \"chainrule.model\"",
        MINIMAL.replace("chainrule.model", "other"));
    assertRule(Rule.UNSUPPORTED_VERSION, "version 5; this chainrule reads versions 1 to 4"
        + " (written by a newer chainrule)", MINIMAL.replace("\"version\":1", "\"version\":5"));
    assertRule(Rule.DUPLICATE_FIELD, "\"name\"", MINIMAL.replace("\"name\":\"m\",",
        "\"name\":\"m\",\"name\":\"n\","));
    assertRule(Rule.MISSING_FIELD, "\"bias\" in layers[0]", MINIMAL.replace(",\"bias\":true",
        ""));
    assertRule(Rule.UNKNOWN_FIELD, "\"colour\" in layers[1]", MINIMAL.replace(
        "'name':'sigmoid'".replace('\'', '"'), json("'name':'sigmoid','colour':'red'")));
    assertRule(Rule.UNKNOWN_FIELD, "\"comment\"", MINIMAL.replace("{\"format\"",
        "{\"comment\":\"x\",\"format\""));
    assertRule(Rule.WRONG_TYPE, "\"layers[0].in\" must be a whole number",
        MINIMAL.replace("\"in\":2", "\"in\":2.5"));
    assertRule(Rule.WRONG_TYPE, "\"features.names[1]\" must be a string",
        MINIMAL.replace("\"b\"]", "null]"));
    assertRule(Rule.UNKNOWN_VALUE, "task \"ranking\" (known: classification, binary,"
        + " regression)", MINIMAL.replace("binary", "ranking"));
    assertRule(Rule.UNKNOWN_VALUE, "dtype \"BF16\" (known: FLOAT64, FLOAT32)",
        MINIMAL.replace("FLOAT64", "BF16"));
    assertRule(Rule.UNKNOWN_VALUE, "activation \"swish\" in layers[1]",
        MINIMAL.replace("sigmoid", "swish"));
    assertRule(Rule.UNKNOWN_VALUE, "layer type \"conv\" in layers[0] (known: dense, activation)",
        MINIMAL.replace("\"type\":\"dense\"", "\"type\":\"conv\""));
    assertRule(Rule.INCONSISTENT, "3 feature names for a first layer of 2 inputs",
        MINIMAL.replace("['a','b']".replace('\'', '"'), json("['a','b','c']")));
    assertRule(Rule.INCONSISTENT, "a binary classifier has 2 classes and 1 output, got 3 and 1",
        MINIMAL.replace(json("['0','1']"), json("['0','1','2']")));
    assertRule(Rule.INCONSISTENT, "layers[1]: activation layer: sigmoid takes no parameter",
        MINIMAL.replace(json("'name':'sigmoid'"), json("'name':'sigmoid','parameter':1")));
    assertRule(Rule.INCONSISTENT, "feature name \"a\" repeats",
        MINIMAL.replace(json("['a','b']"), json("['a','a']")));
    assertRule(Rule.MISSING_FIELD, "\"scale\" in features",
        MINIMAL.replace(json("'names':['a','b']"), json("'names':['a','b'],'mean':[1,2]")));
    assertRule(Rule.INCONSISTENT, "Scaling: column 1 has mean 2.0 and scale 0.0; both must be"
        + " finite and the scale positive", MINIMAL.replace(json("'names':['a','b']"),
        json("'names':['a','b'],'mean':[1,2],'scale':[1,0]")));
  }

  @Test
  void theRecordRefusesPartsThatDoNotFit() {
    assertEquals("model description: layer 2 takes 5 inputs, but the layer before gives 4",
        assertThrows(IllegalArgumentException.class, () -> ModelDescription.builder(
            Task.REGRESSION, List.of(new DenseLayer(3, 4, true), new ActivationLayer("tanh", null),
                new DenseLayer(5, 1, true))).build()).getMessage());
    assertEquals("model description: a classifier needs one output per class (at least 2), got 2"
        + " classes and 3 outputs", assertThrows(IllegalArgumentException.class,
            () -> ModelDescription.builder(Task.CLASSIFICATION, IRIS.layers())
                .label("y", List.of("a", "b")).build()).getMessage());
    assertEquals("describe: layer 0 is a Sequential; a description holds Dense and Activation"
        + " layers", assertThrows(IllegalArgumentException.class,
            () -> ModelDescription.layersOf(Sequential.of(IRIS_NET))).getMessage());
  }
}
