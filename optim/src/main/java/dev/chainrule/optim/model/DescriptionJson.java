package dev.chainrule.optim.model;

import static dev.chainrule.optim.model.InvalidDescriptionException.Rule.INCONSISTENT;
import static dev.chainrule.optim.model.InvalidDescriptionException.Rule.NOT_A_DESCRIPTION;
import static dev.chainrule.optim.model.InvalidDescriptionException.Rule.UNKNOWN_VALUE;
import static dev.chainrule.optim.model.InvalidDescriptionException.Rule.UNSUPPORTED_VERSION;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.chainrule.core.DType;
import dev.chainrule.optim.model.JsonTree.Node;
import dev.chainrule.optim.model.Layer.ActivationLayer;
import dev.chainrule.optim.model.Layer.DenseLayer;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/** The JSON form of a {@link ModelDescription}: see {@link ModelDescription#toJson()}. */
final class DescriptionJson {
  static final String FORMAT = "chainrule.model";
  /**
   * Version 2 adds a dense layer's {@code same_as}, version 3 the split's {@code rows}, version 4
   * its {@code rows_sha256} (the fingerprint of the rows, in their order). A
   * description is written in the lowest version that holds it, so that older readers still
   * take what they can read and refuse the rest by its version: a tied network they would
   * rebuild with separate layers, a split they would not check.
   */
  static final int VERSION = 4;
  private static final int UNTIED_VERSION = 1;
  private static final int TIED_VERSION = 2;
  private static final int ROWS_VERSION = 3;
  private static final int FINGERPRINT_VERSION = 4;
  private static final JsonFactory JSON = new JsonFactory();

  private DescriptionJson() {}

  static String write(ModelDescription d) {
    StringWriter text = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(text)) {
      json.writeStartObject();
      json.writeStringField("format", FORMAT);
      boolean tied = d.layers().stream()
          .anyMatch(layer -> layer instanceof DenseLayer dense && dense.sameAs() != null);
      boolean rows = d.split() != null && d.split().rows() > 0;
      boolean fingerprint = d.split() != null && d.split().rowsSha256() != null;
      json.writeNumberField("version", fingerprint ? FINGERPRINT_VERSION : rows ? ROWS_VERSION
          : tied ? TIED_VERSION : UNTIED_VERSION);
      json.writeStringField("name", d.name());
      json.writeStringField("task", d.task().jsonName());
      json.writeStringField("dtype", d.dtype().name());
      json.writeArrayFieldStart("layers");
      for (Layer layer : d.layers()) {
        writeLayer(json, layer);
      }
      json.writeEndArray();
      json.writeObjectFieldStart("features");
      writeStrings(json, "names", d.features());
      writeScaling(json, d.featureScaling());
      json.writeEndObject();
      json.writeObjectFieldStart("label");
      json.writeStringField("name", d.label());
      writeStrings(json, "classes", d.classes());
      writeScaling(json, d.targetScaling());
      json.writeEndObject();
      if (d.split() != null) {
        json.writeObjectFieldStart("split");
        json.writeNumberField("seed", d.split().seed());
        json.writeNumberField("test_fraction", d.split().testFraction());
        if (d.split().rows() > 0) {
          json.writeNumberField("rows", d.split().rows());
        }
        if (d.split().rowsSha256() != null) {
          json.writeStringField("rows_sha256", d.split().rowsSha256());
        }
        json.writeEndObject();
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("JSON to a string cannot fail", e);
    }
    return text.toString();
  }

  private static void writeLayer(JsonGenerator json, Layer layer) throws IOException {
    json.writeStartObject();
    if (layer instanceof DenseLayer dense) {
      json.writeStringField("type", "dense");
      json.writeNumberField("in", dense.in());
      json.writeNumberField("out", dense.out());
      json.writeBooleanField("bias", dense.bias());
      if (dense.sameAs() != null) {
        json.writeNumberField("same_as", dense.sameAs());
      }
    } else if (layer instanceof ActivationLayer activation) {
      json.writeStringField("type", "activation");
      json.writeStringField("name", activation.name());
      if (activation.parameter() != null) {
        json.writeNumberField("parameter", activation.parameter());
      }
    }
    json.writeEndObject();
  }

  private static void writeStrings(JsonGenerator json, String field, List<String> values)
      throws IOException {
    json.writeArrayFieldStart(field);
    for (String value : values) {
      json.writeString(value);
    }
    json.writeEndArray();
  }

  private static void writeScaling(JsonGenerator json, Scaling scaling) throws IOException {
    if (scaling != null) {
      json.writeFieldName("mean");
      json.writeArray(scaling.mean().stream().mapToDouble(Double::doubleValue).toArray(), 0,
          scaling.size());
      json.writeFieldName("scale");
      json.writeArray(scaling.scale().stream().mapToDouble(Double::doubleValue).toArray(), 0,
          scaling.size());
    }
  }

  static ModelDescription read(String text, String source) {
    Node root = JsonTree.parse(text, source);
    String format = root.field("format").string();
    if (!FORMAT.equals(format)) {
      throw root.fail(NOT_A_DESCRIPTION, "format is \"" + format + "\", not \"" + FORMAT + "\"");
    }
    long version = root.field("version").longInteger();
    if (version < UNTIED_VERSION || version > VERSION) {
      throw root.fail(UNSUPPORTED_VERSION, "version " + version + "; this chainrule reads"
          + " versions " + UNTIED_VERSION + " to " + VERSION
          + (version > VERSION ? " (written by a newer chainrule)" : ""));
    }
    root.allowOnly(JsonTree.keys("format", "version", "name", "task", "dtype", "layers",
        "features", "label", "split"));
    Task task = choice(root.field("task"), Task.class);
    DType dtype = choice(root.field("dtype"), DType.class);
    List<Layer> layers = root.field("layers").array().stream()
        .map(node -> layer(node, version)).toList();
    Node features = root.field("features");
    features.allowOnly(JsonTree.keys("names", "mean", "scale"));
    Node label = root.field("label");
    label.allowOnly(JsonTree.keys("name", "classes", "mean", "scale"));
    ModelDescription.DataSplit split = null;
    try {
      if (root.has("split")) {
        Node s = root.field("split");
        s.allowOnly(version >= FINGERPRINT_VERSION
            ? JsonTree.keys("seed", "test_fraction", "rows", "rows_sha256")
            : version >= ROWS_VERSION ? JsonTree.keys("seed", "test_fraction", "rows")
            : JsonTree.keys("seed", "test_fraction"));
        split = new ModelDescription.DataSplit(s.field("seed").longInteger(),
            s.field("test_fraction").number(),
            s.has("rows") ? s.field("rows").integer() : 0,
            s.has("rows_sha256") ? s.field("rows_sha256").string() : null);
      }
      return new ModelDescription(root.field("name").string(), task, dtype, layers,
          features.field("names").strings(), scaling(features), label.field("name").string(),
          label.field("classes").strings(), scaling(label), split);
    } catch (IllegalArgumentException e) {
      throw new InvalidDescriptionException(source, INCONSISTENT,
          e.getMessage().replaceFirst("^model description: ", ""), e);
    }
  }

  private static Layer layer(Node node, long version) {
    String type = node.field("type").string();
    try {
      if (type.equals("dense")) {
        node.allowOnly(version == UNTIED_VERSION ? JsonTree.keys("type", "in", "out", "bias")
            : JsonTree.keys("type", "in", "out", "bias", "same_as"));
        return new DenseLayer(node.field("in").integer(), node.field("out").integer(),
            node.field("bias").bool(),
            node.has("same_as") ? node.field("same_as").integer() : null);
      }
      if (type.equals("activation")) {
        node.allowOnly(JsonTree.keys("type", "name", "parameter"));
        String name = node.field("name").string();
        if (!ActivationLayer.WITH_PARAMETER.contains(name)
            && !ActivationLayer.WITHOUT_PARAMETER.contains(name)) {
          throw node.fail(UNKNOWN_VALUE, "activation \"" + name + "\" in " + node.path());
        }
        return new ActivationLayer(name,
            node.has("parameter") ? node.field("parameter").number() : null);
      }
    } catch (IllegalArgumentException e) {
      throw node.fail(INCONSISTENT, node.path() + ": " + e.getMessage());
    }
    throw node.fail(UNKNOWN_VALUE, "layer type \"" + type + "\" in " + node.path()
        + " (known: dense, activation)");
  }

  /** Mean and scale, both or neither. */
  private static Scaling scaling(Node node) {
    if (!node.has("mean") && !node.has("scale")) {
      return null;
    }
    return new Scaling(node.field("mean").numbers(), node.field("scale").numbers());
  }

  private static <E extends Enum<E>> E choice(Node node, Class<E> type) {
    String text = node.string();
    return Arrays.stream(type.getEnumConstants())
        .filter(e -> (e instanceof Task t ? t.jsonName() : e.name()).equals(text))
        .findFirst()
        .orElseThrow(() -> node.fail(UNKNOWN_VALUE, node.path() + " \"" + text + "\" (known: "
            + String.join(", ", Arrays.stream(type.getEnumConstants())
                .map(e -> e instanceof Task t ? t.jsonName() : e.name()).toList()) + ")"));
  }
}
