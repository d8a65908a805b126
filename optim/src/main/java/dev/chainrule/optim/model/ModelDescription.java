package dev.chainrule.optim.model;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.model.Layer.DenseLayer;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.List;

/**
 * Everything needed to rebuild a trained network and use it on new rows, apart from its weights:
 * the layers, what the outputs mean, the element type, the names of the input columns and the
 * statistics they were standardised with, the label's name and classes (or the target's
 * statistics), and optionally the seed and test fraction of the data split. A checkpoint carries it
 * as JSON in its metadata ({@link #toJson()}, versioned and read strictly by {@link #fromJson}),
 * so a file alone rebuilds the model ({@link #toModule()}); it is {@link Serializable} through that
 * same JSON, so it can travel to other machines that build the model themselves.
 *
 * <p>The record checks that its parts fit together: dense sizes chain, the first layer takes one
 * input per feature, a classifier has one output per class, scalings have one column per feature
 * (or per target), a tied place names an earlier dense layer of its sizes.
 *
 * <p>One {@code Dense} used at several places (tied weights) is described as such ({@link
 * DenseLayer#sameAs()}), and the rebuilt model uses one layer there too, so the weights stay tied
 * when it trains further. Descriptions written before chainrule recorded ties (version 1) describe
 * each place as a layer of its own, and still load that way.
 *
 * @param name what the model was trained for, such as the command or data set ({@code "iris"})
 * @param task what the outputs mean
 * @param dtype the element type of the parameters
 * @param layers in order; the first is dense
 * @param features the input columns' names, in input order, distinct
 * @param featureScaling the inputs' standardisation, or null when inputs are used as they are
 * @param label the label (or target) column's name
 * @param classes class names by index: K ≥ 2 for classification, 2 for binary, none for regression
 * @param targetScaling the targets' standardisation (regression only), or null
 * @param split the data split the model was evaluated with, or null
 * @serial exclude (it is written as its JSON; see {@code writeReplace})
 */
public record ModelDescription(String name, Task task, DType dtype, List<Layer> layers,
    List<String> features, Scaling featureScaling, String label, List<String> classes,
    Scaling targetScaling, DataSplit split) implements Serializable {

  /**
   * How the data was split into training and test parts.
   *
   * @param seed the seed of the split
   * @param testFraction the share of rows held out, in (0, 1)
   * @param rows the rows that were split, or 0 when not recorded (descriptions before version
   *     3): the same seed splits other data otherwise, and a loaded model scored on a split of
   *     other rows would be tested on rows it was trained on
   * @param rowsSha256 the {@link dev.chainrule.optim.data.RowsFingerprint} of the rows that were
   *     split, or null when not recorded (descriptions before version 4): the same number of rows
   *     in another order, or edited, split by the same seed, also test on training rows
   */
  public record DataSplit(long seed, double testFraction, int rows, String rowsSha256) {
    /**
     * Checks the test fraction, the row count and the fingerprint's form.
     *
     * @param seed the seed of the split
     * @param testFraction the share of rows held out, in (0, 1)
     * @param rows the rows split, or 0 when not recorded
     * @param rowsSha256 64 lowercase hexadecimal digits, or null when not recorded
     */
    public DataSplit {
      DescriptionChecks.requireSplit(testFraction, rows, rowsSha256);
    }

    /**
     * A split whose rows' fingerprint is not recorded.
     *
     * @param seed the seed of the split
     * @param testFraction the share of rows held out, in (0, 1)
     * @param rows the rows split, or 0 when not recorded
     */
    public DataSplit(long seed, double testFraction, int rows) {
      this(seed, testFraction, rows, null);
    }

    /**
     * A split whose row count is not recorded.
     *
     * @param seed the seed of the split
     * @param testFraction the share of rows held out, in (0, 1)
     */
    public DataSplit(long seed, double testFraction) {
      this(seed, testFraction, 0);
    }
  }

  /**
   * Copies the lists and checks that the parts fit together.
   *
   * @param classes class names by index: K ≥ 2 for classification, 2 for binary, none for
   *     regression
   * @param dtype the element type to compute in
   * @param featureScaling the features' standardisation, or null
   * @param features the input columns' names, one per input of the first layer, distinct
   * @param label the label column's name
   * @param layers the model's layers, input side first
   * @param name what the model was trained for
   * @param split how the data was split, or null
   * @param targetScaling the targets' standardisation, or null
   * @param task what the outputs mean
   * @throws IllegalArgumentException when the parts do not fit together, a feature or class name
   *     is blank or repeats, or a name holds a control character
   */
  public ModelDescription {
    checkNotNull(name, "model description: name is null");
    checkNotNull(task, "model description: task is null");
    checkNotNull(dtype, "model description: dtype is null");
    layers = List.copyOf(checkNotNull(layers, "model description: layers are null"));
    features = List.copyOf(checkNotNull(features, "model description: features are null"));
    checkNotNull(label, "model description: label is null");
    classes = List.copyOf(checkNotNull(classes, "model description: classes are null"));
    DescriptionChecks.requireFit(task, layers, features, featureScaling, label, classes,
        targetScaling);
  }

  /**
   * A description of {@code layers} for {@code task}; set the rest on the builder.
   *
   * @param task what the outputs mean
   * @param layers the model's layers, input side first
   * @return a builder with the defaults
   */
  public static Builder builder(Task task, List<Layer> layers) {
    return new Builder(task, layers);
  }

  /**
   * This description with another split.
   *
   * @param newSplit the split, or null for fixed test data
   * @return a copy with that split
   */
  public ModelDescription withSplit(DataSplit newSplit) {
    return new ModelDescription(name, task, dtype, layers, features, featureScaling, label,
        classes, targetScaling, newSplit);
  }

  /**
   * The layers of a network of {@link Dense} and {@link Activation} modules in a row, as a
   * description lists them. A {@code Dense} at several places (tied weights) is described at each,
   * the later places as {@linkplain DenseLayer#sameAs() the same layer} as the first.
   *
   * @throws IllegalArgumentException for any other kind of module, or for two distinct {@code
   *     Dense} layers that hold one tensor (made by {@link Dense#of(Tensor, Tensor)} from the
   *     same values), a tie a description cannot record
   * @param model the model
   * @return the model's layers, input side first
   */
  public static List<Layer> layersOf(Sequential model) {
    return LayerChain.of(checkNotNull(model, "describe: model is null"));
  }

  /**
   * The network these layers describe, in the description's dtype, its weights zero: load them
   * from the checkpoint. Parameters are named as in the original ({@code 0.weight}, {@code
   * 2.bias}); a place that is {@linkplain DenseLayer#sameAs() the same layer} as an earlier one
   * gets that layer object, so the weights stay tied through training.
   *
   * @return a new network of these layers, its parameters not yet loaded
   */
  public Sequential toModule() {
    Sequential model = LayerChain.build(layers);
    if (dtype != DType.FLOAT64) {
      model.to(dtype);
    }
    return model;
  }

  /**
   * Inputs per sample.
   *
   * @return features per sample
   */
  public int inputs() {
    return ((DenseLayer) layers.get(0)).in();
  }

  /**
   * Outputs per sample: the last dense layer's.
   *
   * @return the output layer's width
   */
  public int outputs() {
    return LayerChain.check(layers);
  }

  /**
   * This description as one line of JSON, the form a checkpoint stores (version 1; version 2 when
   * a layer is tied, below):
   *
   * <pre>{@code
   * {"format": "chainrule.model", "version": 1, "name": "iris", "task": "classification",
   *  "dtype": "FLOAT64",
   *  "layers": [{"type": "dense", "in": 4, "out": 4, "bias": true},
   *             {"type": "activation", "name": "tanh"},
   *             {"type": "dense", "in": 4, "out": 3, "bias": true}],
   *  "features": {"names": ["sepal_length", ...], "mean": [5.8, ...], "scale": [0.83, ...]},
   *  "label": {"name": "species", "classes": ["setosa", "versicolor", "virginica"]},
   *  "split": {"seed": 42, "test_fraction": 0.25}}
   * }</pre>
   *
   * <p>{@code mean} and {@code scale} come together or not at all, in {@code features} and (for
   * regression) in {@code label}; {@code split} is optional; an activation with a parameter has
   * {@code "parameter"}. Numbers are written so that they read back exactly. A place that is the
   * same dense layer as an earlier one (tied weights) has its sizes and {@code "same_as"}, the
   * earlier position ({@code {"type": "dense", "in": 4, "out": 4, "bias": true, "same_as": 0}}),
   * and makes the description version 2: a reader that knows only version 1 refuses it by its
   * version rather than rebuilding separate layers, while untied descriptions stay version 1.
   * A split that records its rows' count ({@code "rows": 150}) makes it version 3, and their
   * fingerprint ({@code "rows_sha256"}, a {@link dev.chainrule.optim.data.RowsFingerprint})
   * version 4: a reader that would not check them refuses the file by its version.
   *
   * @return the description as JSON
   */
  public String toJson() {
    return DescriptionJson.write(this);
  }

  /**
   * Parses {@link #toJson()}'s form strictly, versions 1 to 4 (each reads the fields of the
   * versions before it, and none of those after):
   * another format or version, a repeated, missing or unknown field, a value of the wrong type, an
   * unknown task, dtype, layer type or activation, and parts that do not fit together each throw
   * an {@link InvalidDescriptionException} with its {@link InvalidDescriptionException.Rule}.
   *
   * @param json the JSON text
   * @param source what the JSON came from (a file name, say), named in messages
   * @return the description, strictly checked
   */
  public static ModelDescription fromJson(String json, String source) {
    checkNotNull(json, "fromJson: json is null");
    checkNotNull(source, "fromJson: source is null");
    return DescriptionJson.read(json, source);
  }

  // Java serialization goes through the JSON form, so there is one format and one strict reader.
  /**
   * Serializes the description as its JSON.
   *
   * @return the serialized form: the description as JSON
   */
  private Object writeReplace() {
    return new Serialized(toJson());
  }

  /**
   * Refuses direct deserialization: descriptions are read through their JSON.
   *
   * @param in the stream
   * @throws InvalidObjectException always
   */
  private void readObject(ObjectInputStream in) throws InvalidObjectException {
    throw new InvalidObjectException("a model description is serialized as its JSON");
  }

  private record Serialized(String json) implements Serializable {
    private Object readResolve() {
      return fromJson(json, "serialized model description");
    }
  }

  /** The optional parts of a description; defaults: FLOAT64, no names, no scaling, no split. */
  public static final class Builder {
    private final Task task;
    private final List<Layer> layers;
    private String name = "";
    private DType dtype = DType.FLOAT64;
    private List<String> features;
    private Scaling featureScaling;
    private String label = "";
    private List<String> classes = List.of();
    private Scaling targetScaling;
    private DataSplit split;

    private Builder(Task task, List<Layer> layers) {
      this.task = checkNotNull(task, "model description: task is null");
      this.layers = List.copyOf(checkNotNull(layers, "model description: layers are null"));
    }

    /**
     * What the model was trained for.
     *
     * @param newName the name
     * @return this builder
     */
    public Builder name(String newName) {
      this.name = newName;
      return this;
    }

    /**
     * The element type of the parameters.
     *
     * @param type the element type
     * @return this builder
     */
    public Builder dtype(DType type) {
      this.dtype = type;
      return this;
    }

    /**
     * The input columns' names, and their standardisation (null if none).
     *
     * @param names a name per input column, or null for x1, x2, ...
     * @param scaling the standardisation, or null
     * @return this builder
     */
    public Builder features(List<String> names, Scaling scaling) {
      this.features = names;
      this.featureScaling = scaling;
      return this;
    }

    /**
     * The label column's name and the class names (empty for regression).
     *
     * @param labelName the label column's name
     * @param classNames a name per class
     * @return this builder
     */
    public Builder label(String labelName, List<String> classNames) {
      this.label = labelName;
      this.classes = classNames;
      return this;
    }

    /**
     * The targets' standardisation (regression).
     *
     * @param scaling the standardisation
     * @return this builder
     */
    public Builder targetScaling(Scaling scaling) {
      this.targetScaling = scaling;
      return this;
    }

    /**
     * The data split the model was evaluated with.
     *
     * @param seed the seed of the random choices
     * @param testFraction the share of samples held out for testing, in (0, 1)
     * @return this builder
     */
    public Builder split(long seed, double testFraction) {
      return split(new DataSplit(seed, testFraction));
    }

    /**
     * The data split the model was evaluated with, its row count included.
     *
     * @param dataSplit the split
     * @return this builder
     */
    public Builder split(DataSplit dataSplit) {
      this.split = checkNotNull(dataSplit, "model description: split is null");
      return this;
    }

    /**
     * The description; features default to {@code "x1"}, {@code "x2"}, ...
     *
     * @return the description
     * @throws IllegalArgumentException when the parts do not fit together
     */
    public ModelDescription build() {
      List<String> names = features;
      if (names == null && !layers.isEmpty() && layers.get(0) instanceof DenseLayer first) {
        names = java.util.stream.IntStream.rangeClosed(1, first.in()).mapToObj(i -> "x" + i)
            .toList();
      }
      return new ModelDescription(name, task, dtype, layers, names == null ? List.of() : names,
          featureScaling, label, classes, targetScaling, split);
    }
  }
}
