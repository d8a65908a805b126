package dev.chainrule.optim.checkpoint;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.model.InvalidDescriptionException;
import dev.chainrule.optim.model.ModelDescription;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A model's state (its named parameters and buffers, PyTorch's {@code state_dict}), and optionally
 * its optimizer's state, as one safetensors file. Parameters and buffers keep their dotted names
 * ({@code 0.weight}, {@code 1.running_mean}), so other tools see the usual layout; counters such as
 * {@code 1.num_batches_tracked} are stored as I64, as PyTorch stores them; optimizer state goes
 * under {@value #OPTIMIZER_PREFIX}. A checkpoint saved with a {@link
 * ModelDescription} carries it as JSON in the metadata under {@value #DESCRIPTION_KEY}, and {@link
 * #loadDescribed} rebuilds the model from the file alone.
 *
 * <p>A model that uses one layer at several places (tied weights) is saved as PyTorch saves it:
 * the shared tensors under every path ({@link Module#stateDict()}). Loading wants every path
 * ({@link #loadMatching} fills one the file lacks through its tie, and says so), and refuses a
 * file whose copies of one shared parameter differ (saved from a model that did not share it),
 * since only one of the values could be kept. A described checkpoint records the tie as well
 * ({@link ModelDescription#layersOf}), so {@link #loadDescribed} rebuilds one layer at every
 * place it was used, and the weights stay tied when the model trains further.
 */
public final class ModelCheckpoint {
  /**
   * The metadata key that names the framework a safetensors file is laid out for. Hugging Face
   * transformers' {@code from_pretrained} refuses a file whose metadata lacks it (or holds another
   * value than {@code pt}, {@code tf}, {@code flax} or {@code mlx}), and its {@code
   * save_pretrained} writes {@code {"format": "pt"}} ({@code safetensors.torch.save_file} writes
   * only the metadata it is given): every checkpoint saved here carries {@value #FORMAT_PT} under
   * it. Saving refuses metadata that names another format: the tensors are written in PyTorch's
   * names and layouts. Loading refuses a file that declares "tf" or "flax" (a TensorFlow or Flax
   * [in, out] kernel loaded as PyTorch's [out, in] weight was transposed, without a word when
   * square) or a value Hugging Face does not know, and loads an "mlx" file unless a convolution
   * kernel (channels-last in MLX) would load.
   */
  public static final String FORMAT_KEY = StateLayout.FORMAT_KEY;

  /** {@link #FORMAT_KEY}'s value for PyTorch's names and layouts, which checkpoints have. */
  public static final String FORMAT_PT = StateLayout.FORMAT_PT;

  /** Prefix of the optimizer's state tensors in a checkpoint. */
  public static final String OPTIMIZER_PREFIX = StateLayout.OPTIMIZER_PREFIX;

  /** The metadata key of a checkpoint's model description. */
  public static final String DESCRIPTION_KEY = StateLayout.DESCRIPTION_KEY;

  /**
   * The metadata key of a network named in words where no description can rebuild it (a CNN):
   * {@link #loadDescribed} names it when it refuses the file.
   */
  public static final String NETWORK_KEY = StateLayout.NETWORK_KEY;

  /**
   * The metadata key of the kind of optimizer whose state a checkpoint holds ("Adam"): an
   * optimizer that never stepped saves only its step count and rate, which any optimizer would
   * take, so the kind is what tells.
   */
  public static final String OPTIMIZER_KEY = StateLayout.OPTIMIZER_KEY;

  /**
   * The metadata key of that optimizer's settings besides the learning rate
   * ({@link Optimizer#settings()}): a state loads only into an optimizer with the same ones.
   */
  public static final String OPTIMIZER_SETTINGS_KEY = StateLayout.OPTIMIZER_SETTINGS_KEY;

  /**
   * The metadata that says how many epochs the saved weights had trained, as a whole number
   * ({@code Trainer}'s periodic checkpoints and the program's {@code --save} write it): a run
   * that loads the file goes on from the next, with {@code Trainer.Builder.initialEpoch}.
   */
  public static final String EPOCH_KEY = "epoch";

  /**
   * The metadata of a trainer's best-weights file (written beside its checkpoint when the best
   * epoch is not the last) naming the checkpoint it belongs to: such a file is no saved model
   * and no checkpoint to resume, and loads that need either say so, naming the checkpoint.
   */
  public static final String BEST_WEIGHTS_OF_KEY = "chainrule.best_weights_of";

  /**
   * A model rebuilt from a checkpoint: its description and the network with the file's weights.
   *
   * @param description the architecture, task, columns and scaling the file's metadata records,
   *     from which the network was rebuilt
   * @param model the rebuilt network, holding the file's parameters and buffers
   * @param report the names that were loaded (all of the model's)
   * @param optimizer the optimizer state the file holds, to continue its run
   */
  public record DescribedModel(ModelDescription description, Sequential model,
      LoadReport report, SavedOptimizer optimizer) {}

  private ModelCheckpoint() {}

  /**
   * Saves the model's parameters and buffers (and the optimizer's state if {@code optimizer} is
   * not null), each in its own type (counters as I64), atomically: the previous file under this
   * name survives any failure. The metadata gains {@code "format": "pt"} ({@link #FORMAT_KEY})
   * first; metadata naming another format is refused. A model that holds a layer or parameter
   * in a field without registering it is refused, as {@link Module#checkRegistered()} refuses it.
   *
   * @param file the file
   * @param model the model
   * @param optimizer the optimizer that updates the model
   * @param metadata string metadata for the header
   * @throws IllegalArgumentException when {@code optimizer} updates none of the model's
   *     parameters (its state would be saved as the model's)
   */
  public static void save(Path file, Module model, Optimizer optimizer,
      Map<String, String> metadata) {
    checkNotNull(model, "checkpoint: model is null");
    save(file, model, model.stateDict(), optimizer,
        optimizer == null ? null : optimizer.state(), metadata);
  }

  /**
   * Saves the model's parameters and buffers alone: the file PyTorch's {@code
   * save_file(model.state_dict(), path)} writes, which {@code load_state_dict} takes and {@link
   * #load(Path, Module)} loads. {@code save(file, model, null, Map.of())}, with its checks (a
   * plain {@code null} for both would not compile: it fits two overloads).
   *
   * @param file the file
   * @param model the model
   */
  public static void save(Path file, Module model) {
    save(file, model, null, Map.of());
  }

  /**
   * Saves values the model and optimizer had earlier, kept as copies (the best epoch's, which a
   * trainer keeps), in the layout {@link #save(Path, Module, Optimizer, Map)} gives the current
   * ones: a file {@link #load} reads into the model and optimizer. A model that holds a layer or
   * parameter in a field without registering it is refused, as there.
   *
   * @param file the file
   * @param model the model whose names, counters and layout the file takes
   * @param state values under every name of the model's {@link Module#stateDict()}
   * @param optimizer the optimizer whose kind and settings the file records, or null
   * @param optimizerState that optimizer's {@link Optimizer#state()} as kept, or null
   * @param metadata string metadata for the header
   */
  public static void save(Path file, Module model, Map<String, Tensor> state,
      Optimizer optimizer, Map<String, Tensor> optimizerState, Map<String, String> metadata) {
    StateLayout.save(file, model, state, optimizer, optimizerState, metadata);
  }

  /**
   * Saves a network with its description (and the optimizer's state if {@code optimizer} is not
   * null), atomically, so that {@link #loadDescribed} rebuilds it from the file alone.
   *
   * @throws IllegalArgumentException if the description's layers are not the model's
   * @param file the file
   * @param model the model
   * @param optimizer the optimizer that updates the model
   * @param description the model's description
   */
  public static void save(Path file, Sequential model, Optimizer optimizer,
      ModelDescription description) {
    save(file, model, optimizer, description, Map.of());
  }

  /**
   * Saves a network with its description and more metadata (such as {@link #EPOCH_KEY}), as
   * {@link #save(Path, Sequential, Optimizer, ModelDescription)} does.
   *
   * @throws IllegalArgumentException if the description's layers are not the model's, or {@code
   *     more} sets the description's key
   * @param file the file
   * @param model the model
   * @param optimizer the optimizer that updates the model, or null
   * @param description the model's description
   * @param more further metadata for the header
   */
  public static void save(Path file, Sequential model, Optimizer optimizer,
      ModelDescription description, Map<String, String> more) {
    save(file, model, optimizer, StateLayout.describedMetadata(model, description, more));
  }

  /**
   * Rebuilds the network a checkpoint describes and loads its weights; the file's parameters must
   * match the description exactly.
   *
   * @throws InvalidDescriptionException if the file has no description or a broken one
   * @throws CheckpointMismatchException if the weights do not fit the described network
   * @throws CheckpointException if the file is not a valid safetensors file, or holds a weight or
   *     the optimizer's state in a type chainrule does not read (rule {@code UNSUPPORTED_DTYPE})
   * @throws IllegalArgumentException if a value is impossible where it goes (see {@link #load})
   * @param file the file
   * @return the model rebuilt from the file and its description
   */
  public static DescribedModel loadDescribed(Path file) {
    Checkpoint checkpoint = SafeTensors.read(file);
    String source = String.valueOf(file.getFileName());
    ModelDescription description = description(checkpoint, source);
    Sequential model = description.toModule();
    StateMatch.Matched matched = StateMatch.match(source, checkpoint, model, true);
    matched.assignTo(model);
    return new DescribedModel(description, model, matched.report(),
        SavedOptimizer.of(source, checkpoint));
  }

  /**
   * The description a checkpoint already read holds, with the checks of {@link #loadDescribed}
   * but no network built: for a caller that checks a file's description and loads its weights
   * from the one reading ({@link #load(Checkpoint, String, Module, Optimizer)}).
   *
   * @param checkpoint the file as read ({@link SafeTensors#read})
   * @param source the file's name, for messages
   * @return the description
   * @throws InvalidDescriptionException if the file has no description or a broken one
   * @throws CheckpointMismatchException if the file's weights do not fit the described network
   * @throws NullPointerException naming description when the checkpoint or source is null
   */
  public static ModelDescription description(Checkpoint checkpoint, String source) {
    checkNotNull(checkpoint, "description: checkpoint is null");
    checkNotNull(source, "description: source is null");
    return StateLayout.description(checkpoint, source);
  }

  /**
   * Loads a checkpoint that matches the model exactly (and restores the optimizer's state when
   * {@code optimizer} is not null). Values are converted to the parameters' types, and the report
   * names every conversion. On any mismatch nothing is changed and a
   * {@link CheckpointMismatchException} lists the missing, unexpected and mis-shaped parameters.
   * A file that matches but holds parameters (or, when {@code optimizer} is not null, the
   * optimizer's state) in types chainrule does not read ({@link Checkpoint#unreadable()}) is
   * refused by a {@link CheckpointException} of rule {@code UNSUPPORTED_DTYPE} naming them;
   * unreadable tensors the model does not need are unexpected, as any other.
   *
   * @param file the file
   * @param model the model
   * @param optimizer the optimizer that updates the model
   * @return what was loaded and converted
   * @throws IllegalArgumentException naming the tensor, before anything changes, when a value is
   *     impossible where it goes: NaN or an infinity (the model would answer NaN), a finite
   *     float64 too large for a float32 model (it would load as an infinity), a running variance
   *     with a negative element, a counter that is not a whole number from 0 to 2^53; or when
   *     the optimizer's state is absent, invalid or of another kind of optimizer than {@code
   *     optimizer}, or {@code optimizer} updates none of the model's parameters; or when the
   *     file's metadata declares a layout other than PyTorch's ({@value #FORMAT_KEY} other than
   *     {@value #FORMAT_PT})
   */
  public static LoadReport load(Path file, Module model, Optimizer optimizer) {
    return load(SafeTensors.read(file), String.valueOf(file.getFileName()), model, optimizer);
  }

  /**
   * Loads a checkpoint already read ({@link SafeTensors#read}) as {@link #load(Path, Module,
   * Optimizer)} loads the file, with the same checks: for a caller that checks the file's
   * metadata and loads its tensors from one reading, so that what it checked is what it loads
   * even if the file is replaced meanwhile.
   *
   * @param checkpoint the file as read
   * @param source the file's name, for messages
   * @param model the model
   * @param optimizer the optimizer that updates the model, or null
   * @return what was loaded and converted
   * @throws CheckpointMismatchException as {@link #load(Path, Module, Optimizer)} does
   * @throws IllegalArgumentException as {@link #load(Path, Module, Optimizer)} does
   * @throws NullPointerException naming load when the checkpoint or source is null
   */
  public static LoadReport load(Checkpoint checkpoint, String source, Module model,
      Optimizer optimizer) {
    checkNotNull(checkpoint, "load: checkpoint is null");
    // Refused rather than quoted: a refusal began "null: checkpoint does not match the model".
    checkNotNull(source, "load: source is null");
    checkNotNull(model, "load: model is null");
    checkArgument(optimizer == null || optimizer.updatesAnyOf(model), "load: the optimizer"
        + " updates none of the model's %s parameters (its %s belong to another model?), and"
        + " %s's state for the model's parameters would go to them; load with the optimizer that"
        + " trains this model", model.parameters().size(),
        optimizer == null ? 0 : optimizer.parameters().size(), source);
    StateMatch.Matched matched = StateMatch.match(source, checkpoint, model, true);
    List<StateMatch.Conversion> state = optimizer == null ? List.of()
        : StateLayout.loadOptimizer(source, checkpoint, optimizer);
    matched.assignTo(model);
    return StateLayout.withOptimizerConversions(matched.report(), state);
  }

  /**
   * Loads a checkpoint that matches the model exactly, without an optimizer: a PyTorch {@code
   * state_dict}, or weights to predict with (the file's optimizer state, if any, is passed over).
   * {@code load(file, model, null)}, with the same checks.
   *
   * @param file the file
   * @param model the model
   * @return what was loaded and converted
   * @throws CheckpointMismatchException as {@link #load(Path, Module, Optimizer)} does
   * @throws IllegalArgumentException as {@link #load(Path, Module, Optimizer)} does
   */
  public static LoadReport load(Path file, Module model) {
    return load(file, model, null);
  }

  /**
   * Loads every parameter whose name and shape match, and reports the rest: a parameter the file
   * holds in a type chainrule does not read is left as it is and reported in
   * {@link LoadReport#unreadable()}. A tied path the file lacks is filled through its tie and
   * reported loaded, {@link LoadReport#converted()} naming the path it came from.
   *
   * @param file the file
   * @param model the model
   * @return what was loaded and what did not fit
   * @throws IllegalArgumentException if a value is impossible where it goes (see {@link #load})
   */
  public static LoadReport loadMatching(Path file, Module model) {
    // Before the file's name is taken for messages, as the other loads refuse it.
    checkNotNull(file, "checkpoint: path is null");
    StateMatch.Matched matched = StateMatch.match(String.valueOf(file.getFileName()),
        SafeTensors.read(file), model, false);
    matched.assignTo(model);
    return matched.report();
  }

  /**
   * Loads a state dict held in memory, as PyTorch's {@code load_state_dict} does (strict): the
   * values are copied into the model's own tensors, converted to their types, with every check
   * {@link #load} makes, and nothing changes on a mismatch. A model copied from another of the
   * same build, without a file: {@code loadStateDict(copy, original.stateDict())}. The map holds
   * every path, a tied tensor's too, as a state dict does (a map has no metadata to name a tied
   * path's alias, as a save_model file does); entries under {@value #OPTIMIZER_PREFIX} are an
   * optimizer's and are passed over, as {@link #load} without an optimizer passes them over.
   *
   * @param model the model
   * @param state values by dotted path, as {@link Module#stateDict()} names them
   * @return what was loaded and converted
   * @throws CheckpointMismatchException listing the missing, unexpected and mis-shaped names
   * @throws IllegalArgumentException if a value is impossible where it goes (see {@link #load})
   * @throws NullPointerException naming the entry whose value is null, or for a null name
   */
  public static LoadReport loadStateDict(Module model, Map<String, Tensor> state) {
    checkNotNull(model, "loadStateDict: model is null");
    checkNotNull(state, "loadStateDict: state is null");
    // Checked here, where the entry can be named: the checkpoint's copy of the map refused it
    // with Guava's bare "null value in entry".
    state.forEach((name, value) -> {
      checkNotNull(name, "loadStateDict: a name is null");
      checkNotNull(value, "loadStateDict: the value of %s is null", name);
    });
    StateMatch.Matched matched =
        StateMatch.match("state dict", new Checkpoint(state, Map.of()), model, true);
    matched.assignTo(model);
    return matched.report();
  }
}
