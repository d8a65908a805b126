package dev.chainrule.optim.checkpoint;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Module;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A checkpoint's tensors against a model's paths: what loads, what is missing, unexpected or
 * mis-shaped or conflicting (tied paths of different values), what is converted (from the file's
 * type, where the checkpoint has it), the values checked ({@link #match}), and the copy into the
 * model's own tensors ({@link Matched#assignTo}), for files and in-memory state dicts alike.
 */
final class StateMatch {
  private StateMatch() {}

  /**
   * A checkpoint as it loads into a model: its tensors (tied paths' aliases read) and the report
   * of what loads.
   *
   * @param checkpoint the tensors under the model's paths
   * @param report what loads, what does not, and what is converted
   */
  record Matched(Checkpoint checkpoint, LoadReport report) {
    /** Copies what the report loads into the model's own tensors; counters absent are 0. */
    void assignTo(Module model) {
      assign(checkpoint, model, report);
    }
  }

  /**
   * Matches a checkpoint with the model's paths and checks the values that would load, changing
   * nothing: every load's checks, in order.
   *
   * @param source the file's name, or what else holds the state, for messages
   * @param strict whether anything missing, unexpected, mis-shaped, conflicting or unreadable is
   *     refused
   * @throws CheckpointMismatchException when strict and the checkpoint does not match
   * @throws CheckpointException when strict and the checkpoint matches but for parameters it holds
   *     in types chainrule does not read (rule {@code UNSUPPORTED_DTYPE}, naming them) or with
   *     values float64 cannot hold exactly (rule {@code INEXACT_VALUE})
   * @throws IllegalArgumentException if a value is impossible where it goes, or the file declares
   *     a layout other than PyTorch's ({@link DeclaredFormat})
   */
  static Matched match(String source, Checkpoint raw, Module model, boolean strict) {
    checkNotNull(model, "checkpoint: model is null");
    DeclaredFormat.requireReadable(source, raw, model);
    Checkpoint aliased = TiedPaths.withAliases(raw, model);
    Map<String, String> fills = TiedPaths.filledThroughTies(aliased, model);
    // A lenient load reports a tied path the file lacks as loaded through its tie, which is what
    // assigning its tie does; a strict one wants every path and names the tie in its refusal.
    Checkpoint checkpoint = strict ? aliased : TiedPaths.filled(aliased, fills);
    LoadReport report = compare(checkpoint, model, strict ? Map.of() : fills);
    if (strict && !report.isExactMatch()) {
      // A file that fits but for types is told by its types, as reading it whole once was; one
      // that fits no better than that by the mismatch, which lists the unreadable too.
      boolean typesAlone = report.missing().isEmpty() && report.unexpected().isEmpty()
          && report.misshaped().isEmpty() && report.conflicting().isEmpty();
      if (typesAlone) {
        throw Checkpoint.unsupported(source, checkpoint, checkpoint.unreadable().stream()
            .filter(e -> needs(model, e)).toList());
      }
      throw new CheckpointMismatchException(source, report,
          fills.isEmpty() ? "" : TiedPaths.strictNote(fills));
    }
    LoadedValues.check(source, checkpoint, model, report);
    return new Matched(checkpoint, report);
  }

  /** {@code fills}: the paths filled through their tie, each with the path that holds it. */
  private static LoadReport compare(Checkpoint checkpoint, Module model,
      Map<String, String> fills) {
    StateLayout.requireNoOptimizerPrefix(model);
    Map<String, Tensor> expected = model.stateDict();
    Set<String> counters = model.counterNames();
    List<String> loaded = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    List<String> misshaped = new ArrayList<>();
    List<String> conflicting = new ArrayList<>();
    List<String> unreadable = new ArrayList<>();
    List<String> converted = new ArrayList<>();
    List<TypeConversion> typeConversions = new ArrayList<>();
    Map<String, String> firstPaths = TiedPaths.firstPaths(model);
    expected.forEach((name, p) -> {
      Tensor t = checkpoint.tensors().get(name);
      String first = firstPaths.getOrDefault(name, name);
      Tensor firstInFile = checkpoint.tensors().get(first);
      Optional<TensorListing.Entry> unread =
          t == null ? checkpoint.unreadable(name) : Optional.empty();
      if (unread.isPresent() && !fits(unread.get(), p.shape())) {
        // One whose dimension a shape cannot hold is here, its dimensions printed as written.
        misshaped.add(name + ": file " + unread.get().dims() + " vs model " + p.shape());
      } else if (unread.isPresent() && checkpoint.inexact().containsKey(name)) {
        unreadable.add(name + ": " + checkpoint.inexact().get(name));
      } else if (unread.isPresent()) {
        unreadable.add(name + ": " + unread.get().dtype() + ", which chainrule does not read (it"
            + " reads " + FileDType.readable() + ")");
      } else if (t == null && counters.contains(name)) {
        // PyTorch loads a file without num_batches_tracked (older ones lack it) with the counter
        // at 0, strict or not; it only weighs running averages when momentum is null.
        converted.add(name + ": " + ABSENT_COUNTER);
      } else if (t == null) {
        missing.add(name);
      } else if (!fits(t.shape(), p.shape())) {
        misshaped.add(name + ": file " + t.shape() + " vs model " + p.shape());
      } else if (!first.equals(name) && firstInFile != null
          && !asShaped(t, p).equals(asShaped(firstInFile, p))) {
        conflicting.add(name + ": its value differs from " + first
            + "'s, but the model holds one tensor for both (one layer used twice, or two made"
            + " from one tensor)");
      } else {
        loaded.add(name);
        if (fills.containsKey(name)) {
          // Not in the file: the path it came through holds the file's tensor, and that path's
          // lines say how it was converted. Named here too, a float32 tensor loaded into a
          // float64 tied pair counted as two converted tensors in a file that holds one.
          converted.add(name + ": " + THROUGH_TIE + fills.get(name));
          return;
        }
        if (!t.shape().equals(p.shape())) {
          converted.add(name + ": " + SCALAR_WITH_ONE_AXIS);
        }
        // A counter is stored as I64 (PyTorch's type, and chainrule's), which every load would
        // otherwise report; in another type (a file converted by another tool, all to F32)
        // it is named like any conversion. Loading checked it is a whole number: it is exact.
        String fileType = checkpoint.fileTypes().get(name);
        if (!counters.contains(name) || !COUNTER_TYPE.equals(fileType)) {
          conversion(name, t, fileType, p.dtype()).ifPresent(c -> {
            converted.add(name + ": " + c.text());
            typeConversions.add(c.record());
          });
        }
      }
    });
    List<String> unexpected = Stream.concat(checkpoint.tensors().keySet().stream(),
            checkpoint.unreadable().stream().map(TensorListing.Entry::name))
        .filter(name -> !name.startsWith(StateLayout.OPTIMIZER_PREFIX)
            && !expected.containsKey(name))
        .toList();
    return new LoadReport(loaded, missing, unexpected, misshaped, conflicting, unreadable,
        converted, checkpoint.metadata(), typeConversions);
  }

  /** A change of type in the report's words and as a record, made together so they agree. */
  record Conversion(String text, TypeConversion record) {}

  /** The file type of counters, as PyTorch and chainrule save them; loaded without a line. */
  private static final String COUNTER_TYPE = "I64";

  /** The load report's line for a tied path the file lacks, after its name: the path it has. */
  static final String THROUGH_TIE = "absent from the file, loaded through its tie to ";

  /** The load report's line for a counter the file lacks, after its name. */
  static final String ABSENT_COUNTER = "absent from the file -> 0 (a counter, as PyTorch loads it)";

  /**
   * PyTorch's {@code load_state_dict} takes a value of shape [1] for a 0-dimension parameter or
   * buffer (older PyTorch saved {@code num_batches_tracked} so); of one element only, where
   * PyTorch would take the first of any number and drop the rest without a word.
   */
  static final String SCALAR_WITH_ONE_AXIS =
      "shape [1] -> [] (a 0-dimension value saved with one axis, as PyTorch loads it)";

  /** Whether a file's value of shape {@code file} loads into a tensor of shape {@code target}. */
  static boolean fits(Shape file, Shape target) {
    return file.equals(target) || target.rank() == 0 && file.equals(Shape.of(1));
  }

  /**
   * {@code value} in {@code target}'s shape, which it {@link #fits}: one tied path may hold the
   * value as [1] and another as [], and the two are then one value.
   */
  private static Tensor asShaped(Tensor value, Tensor target) {
    // Another shape (a tied path's first value, itself mis-shaped) stays as it is, and differs.
    return value.shape().equals(target.shape()) || !fits(value.shape(), target.shape()) ? value
        : value.reshape(target.shape());
  }

  /** Whether an unreadable tensor of the file would load into a tensor of shape {@code target}. */
  private static boolean fits(TensorListing.Entry file, Shape target) {
    return file.shape().filter(shape -> fits(shape, target)).isPresent();
  }

  /** Whether the model has a parameter or buffer of this unreadable tensor's name and shape. */
  private static boolean needs(Module model, TensorListing.Entry entry) {
    Tensor p = model.stateDict().get(entry.name());
    return p != null && fits(entry, p.shape());
  }

  /**
   * The change of type of a tensor loaded as {@code target}, for the report; empty when it loads
   * in the type it was read in. Also for the optimizer's state ({@link StateLayout#loadOptimizer}).
   *
   * <p>How a value loads into a parameter of type {@code target}, if it is converted: from the
   * file's type where the file held another than the value read from it (F16, BF16, I64, BOOL,
   * ...), so the report says what the file held, not the float32 or float64 it was read as.
   * PyTorch's {@code load_state_dict} converts the same way ({@code copy_} into the parameter):
   * an int32 2147483647 goes into float32 as 2147483648, a bool True as 1.0.
   */
  static Optional<Conversion> conversion(String name, Tensor value, String fileType,
      DType target) {
    FileDType type = fileType == null ? null : FileDType.named(fileType).orElseThrow();
    boolean asRead = type == null || type.isCoreType();
    if (asRead && value.dtype() == target) {
      return Optional.empty();
    }
    String stored = asRead ? value.dtype().toString() : type.name();
    String from = stored + " -> " + target;
    if (target == DType.FLOAT64 || !asRead && !type.isWholeNumber()) {
      // float64 holds every value of the others (I64 and U64 only within ±2⁵³, which reading
      // enforces); float32 every F16, BF16, F8_E4M3 and F8_E5M2 value.
      return Optional.of(described(name, stored, target, from + " (exact)", true));
    }
    if (!asRead) {  // a whole-number type
      // float32 holds every whole number only to 2²⁴: whether these round depends on the values.
      Tensor back = value.to(DType.FLOAT32).to(DType.FLOAT64);
      Tensor error = value.sub(back).abs();
      if (value.size() == 0 || error.max().item() == 0) {
        return Optional.of(described(name, stored, target, from + " (exact)", true));
      }
      int element = error.argmax();
      String text = String.format(Locale.ROOT,
          "%s (rounded to nearest: %d at element %d becomes %d; float32"
          + " holds every whole number only to 2^24)", from, (long) value.flatGet(element),
          element, (long) back.flatGet(element));
      return Optional.of(described(name, stored, target, text, false));
    }
    // float64 into float32: values that float32 holds (a file saved from a float32 model, or
    // weights of few bits) lose nothing, and "rounded" would send its reader looking for a loss
    // there is not. One conversion there and back, as the load converts anyway.
    boolean exact = value.equals(value.to(DType.FLOAT32).to(DType.FLOAT64));
    return Optional.of(described(name, stored, target,
        from + (exact ? " (exact)" : " (rounded to nearest)"), exact));
  }

  private static Conversion described(String name, String stored, DType target, String text,
      boolean exact) {
    return new Conversion(text, new TypeConversion(name, stored, target, exact));
  }

  private static void assign(Checkpoint checkpoint, Module model, LoadReport report) {
    // Every path, a shared parameter's too: a loaded name is a parameter's or a buffer's.
    Map<String, Variable> parameters = model.namedParameters(false);
    Map<String, Tensor> expected = model.stateDict();
    for (String name : report.loaded()) {
      Tensor value = asShaped(checkpoint.tensors().get(name), expected.get(name));
      Variable parameter = parameters.get(name);
      if (parameter != null) {
        parameter.value().assignInPlace(value);
      } else {
        model.loadBuffer(name, value);
      }
    }
    for (String counter : model.counterNames()) {
      if (!checkpoint.tensors().containsKey(counter)) {
        model.loadBuffer(counter, Tensor.scalar(0));
      }
    }
  }
}
