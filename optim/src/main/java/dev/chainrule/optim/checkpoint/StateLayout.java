package dev.chainrule.optim.checkpoint;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.model.InvalidDescriptionException;
import dev.chainrule.optim.model.Layer;
import dev.chainrule.optim.model.ModelDescription;
import dev.chainrule.optim.report.PrintableText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a checkpoint lays a model's state, its optimizer's and its description out in one file,
 * and reads the optimizer's and the description's parts back: the model's tensors under their own
 * names, the optimizer's under {@value #OPTIMIZER_PREFIX}, the optimizer's kind and settings and
 * the description in the metadata. The names are here, and the public checkpoint class publishes
 * them, so that what reads and writes the layout needs only this; that class keeps the public
 * saves and loads and what each promises.
 */
final class StateLayout {
  static final String FORMAT_KEY = "format";
  static final String FORMAT_PT = "pt";
  static final String OPTIMIZER_PREFIX = "optimizer.";
  static final String DESCRIPTION_KEY = "chainrule.model";
  static final String NETWORK_KEY = "chainrule.network";
  static final String OPTIMIZER_KEY = "chainrule.optimizer";
  static final String OPTIMIZER_SETTINGS_KEY = "chainrule.optimizer_settings";

  private StateLayout() {}

  /**
   * Saves the model's values and the optimizer's state, checked against the model, with the
   * metadata, the format first unless the metadata names one.
   */
  static void save(Path file, Module model, Map<String, Tensor> state, Optimizer optimizer,
      Map<String, Tensor> optimizerState, Map<String, String> metadata) {
    checkNotNull(model, "checkpoint: model is null");
    checkNotNull(state, "checkpoint: the values are null");
    checkArgument(optimizer != null || optimizerState == null,
        "checkpoint: an optimizer's state without the optimizer it belongs to");
    checkArgument(optimizer == null || optimizer.updatesAnyOf(model), "checkpoint: the optimizer"
        + " updates none of the model's %s parameters (its %s parameters belong to another"
        + " model?); save the model with the optimizer that trains it", model.parameters().size(),
        optimizer == null ? 0 : optimizer.parameters().size());
    // A layer held only in a field is not in stateDict(): the file would lack its weights (no
    // weights at all, for layers kept in a list) and loading it later would say nothing.
    model.checkRegistered();
    checkArgument(state.keySet().equals(model.stateDict().keySet()),
        "checkpoint: the values are named %s, the model's state %s", state.keySet(),
        model.stateDict().keySet());
    requireNoOptimizerPrefix(model);
    Map<String, Tensor> tensors = new LinkedHashMap<>(state);
    // First, as transformers' save_pretrained writes it. The tensors are PyTorch's names and
    // layouts whatever the caller says: a "tf" or "flax" file was read as one ([in, out] kernels)
    // by those loaders.
    String format = metadata == null ? null : metadata.get(FORMAT_KEY);
    checkArgument(format == null || format.equals(FORMAT_PT), "checkpoint: the metadata says"
        + " \"%s\": \"%s\", but the file holds the model's state in PyTorch's names and layouts"
        + " ([out, in] weights), which \"%s\" says; leave the entry out or give \"%s\"",
        FORMAT_KEY, format == null ? "" : PrintableText.shortened(format), FORMAT_PT, FORMAT_PT);
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put(FORMAT_KEY, FORMAT_PT);
    entries.putAll(metadata == null ? Map.of() : metadata);
    if (optimizer != null) {
      checkNotNull(optimizerState, "checkpoint: the optimizer's state is null");
      optimizerState.forEach((name, t) -> tensors.put(OPTIMIZER_PREFIX + name, t));
      entries.put(OPTIMIZER_KEY, optimizer.kind());
      if (!optimizer.settings().isEmpty()) {
        entries.put(OPTIMIZER_SETTINGS_KEY, optimizer.settings());
      }
    }
    SafeTensors.writeWithInt64(file, tensors, entries, model.counterNames());
  }

  /** {@code more} with the description, once the description is found to be the model's. */
  static Map<String, String> describedMetadata(Sequential model, ModelDescription description,
      Map<String, String> more) {
    checkNotNull(description, "checkpoint: description is null");
    checkNotNull(more, "checkpoint: metadata is null");
    checkArgument(!more.containsKey(DESCRIPTION_KEY),
        "checkpoint: the metadata sets %s, which holds the description", DESCRIPTION_KEY);
    List<Layer> layers = ModelDescription.layersOf(model);
    checkArgument(layers.equals(description.layers()),
        "checkpoint: the description's layers %s are not the model's %s", description.layers(),
        layers);
    checkArgument(model.dtype() == description.dtype(),
        "checkpoint: the description says %s, the model's parameters are %s",
        description.dtype(), model.dtype());
    Map<String, String> metadata = new LinkedHashMap<>(more);
    metadata.put(DESCRIPTION_KEY, description.toJson());
    return metadata;
  }

  /**
   * The description in the checkpoint's metadata, checked against the file's shapes; a file
   * without one is refused with what to do instead.
   */
  static ModelDescription description(Checkpoint checkpoint, String source) {
    String json = checkpoint.metadata().get(DESCRIPTION_KEY);
    if (json == null) {
      String bestOf = checkpoint.metadata().get(ModelCheckpoint.BEST_WEIGHTS_OF_KEY);
      if (bestOf != null) {
        // "Written by another tool or an older chainrule" was false of a trainer's own file.
        throw new InvalidDescriptionException(source, InvalidDescriptionException.Rule.ABSENT,
            "the file holds the best weights a training run kept beside its checkpoint "
                + PrintableText.shortened(bestOf, 255) + ", and neither describes a model:"
                + " build the model in code and load the weights with ModelCheckpoint.load,"
                + " or resume the run from that checkpoint");
      }
      String network = checkpoint.metadata().get(NETWORK_KEY);
      throw new InvalidDescriptionException(source, InvalidDescriptionException.Rule.ABSENT,
          network != null ? "the file holds the weights of a " + network + " network, which"
              + " descriptions (of MLPs) cannot rebuild; build it in code and use"
              + " ModelCheckpoint.load"
              : "the file has no \"" + DESCRIPTION_KEY + "\" metadata (it was written by another"
              + " tool or an older chainrule); build the model in code and use"
              + " ModelCheckpoint.load");
    }
    ModelDescription description = ModelDescription.fromJson(json, source);
    // Before the network is built: its size is the description's word, its weights the file's.
    DescribedShapes.require(source, checkpoint, description);
    return description;
  }

  /**
   * Loads the file's optimizer state into {@code optimizer}, refusing a state of another kind or
   * settings with a message that says what to load it into instead.
   */
  static List<StateMatch.Conversion> loadOptimizer(String source, Checkpoint checkpoint,
      Optimizer optimizer) {
    SavedOptimizer saved = SavedOptimizer.of(source, checkpoint);
    saved.mismatch(optimizer).ifPresent(why -> {
      throw new IllegalArgumentException(source + ": " + why + "; load it "
          + (saved.state().isEmpty() ? "" : "into " + saved.describe() + " or ")
          + "without an optimizer");
    });
    optimizer.loadState(saved.state());  // validates before changing anything
    // The state is kept in its parameters' type: a float64 file's exp_avg loaded for a float32
    // model is rounded as its weights are, and the report says so of both, not of the weights
    // alone. A tensor the optimizer keeps in the file's type (a step count) changes nothing.
    return saved.conversions(optimizer.state(), checkpoint.fileTypes(), OPTIMIZER_PREFIX);
  }

  /**
   * Refuses a model with a name under {@value #OPTIMIZER_PREFIX} (a child named {@code
   * optimizer}): the optimizer's state shares the file's names with it, so its entries overwrote
   * the model's on saving (a learning rate loaded into a parameter), and loading read them as
   * the optimizer's.
   */
  static void requireNoOptimizerPrefix(Module model) {
    model.stateDict().keySet().stream().filter(name -> name.startsWith(OPTIMIZER_PREFIX))
        .findFirst().ifPresent(name -> {
          throw new IllegalArgumentException("checkpoint: the model's \"" + name + "\" begins"
              + " with \"" + OPTIMIZER_PREFIX + "\", the prefix checkpoints keep the optimizer's"
              + " state under; register that module or parameter under another name");
        });
  }

  /**
   * The report with the optimizer state's changes of type after the model's: rounded moments
   * change the next steps as rounded weights do.
   */
  static LoadReport withOptimizerConversions(LoadReport report,
      List<StateMatch.Conversion> state) {
    if (state.isEmpty()) {
      return report;
    }
    List<String> converted = new ArrayList<>(report.converted());
    List<TypeConversion> records = new ArrayList<>(report.typeConversions());
    state.forEach(c -> {
      converted.add(c.record().name() + ": " + c.text());
      records.add(c.record());
    });
    return new LoadReport(report.loaded(), report.missing(), report.unexpected(),
        report.misshaped(), report.conflicting(), report.unreadable(), converted,
        report.metadata(), records);
  }
}
