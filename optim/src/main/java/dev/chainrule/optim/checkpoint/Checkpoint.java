package dev.chainrule.optim.checkpoint;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The content of a checkpoint file: named tensors in file order, string metadata, the type each
 * tensor had in the file, and the tensors of types chainrule does not read. The maps and list are
 * immutable copies that keep their order; the tensors belong to the caller.
 *
 * <p>The file types say what the tensors were read from where that is not plain from their own
 * type: an F16, BF16, F8_E4M3 or F8_E5M2 tensor is read as float32, and an I64, I32, U8, BOOL, ...
 * one as float64 ({@link SafeTensors} lists them), and a load report names the file's type
 * ({@code "w: F16 -> float64 (exact)"}). A checkpoint made in memory has none.
 *
 * <p>A tensor of a type the format defines but chainrule does not read (C64, F4, the F6 types,
 * F8_E8M0, the FNUZ variants) does not stop the rest from being read: it is listed in
 * {@link #unreadable()} with its type and shape, not among the tensors, and only a use of it fails,
 * with a {@link CheckpointException} of rule {@link CheckpointException.Rule#UNSUPPORTED_DTYPE}
 * naming it, its type and the types chainrule reads: {@link #tensor(String)}, or a load into a
 * model that has a parameter of its name ({@link ModelCheckpoint#load}; {@link
 * ModelCheckpoint#loadMatching} leaves the parameter as it is and reports it in
 * {@link LoadReport#unreadable()}).
 *
 * <p>So does a tensor of a type chainrule reads holding a value float64 cannot hold exactly (an
 * I64 or U64 beyond ±2⁵³: a random seed, a hash): it is listed in {@link #unreadable()} too, with
 * the reason in {@link #inexact()}, and a use of it fails with rule
 * {@link CheckpointException.Rule#INEXACT_VALUE} naming it and the value. One such integer in a
 * tensor the model does not read no longer makes the whole file unreadable. Such a use is told
 * by the file's path ({@link #source()}), as a refusal of the file's format is: it may come long
 * after the reading, far from the code that named the file.
 *
 * <p>So does a tensor of no elements with a dimension beyond 2^31 − 1 ({@code torch.empty(2**31,
 * 0)}), which a {@link dev.chainrule.core.Shape} cannot hold: it is listed in {@link
 * #unreadable()} with its dimensions (its entry has no {@link TensorListing.Entry#shape()}), and a
 * use of it fails with rule {@link CheckpointException.Rule#TENSOR_TOO_LARGE} naming them. Such a
 * tensor made its whole file unreadable before.
 *
 * <p>Equality is by tensors, metadata and unreadable tensors (by name, type and shape: their
 * values are not read; and an inexact one's reason): the file types and the source tell where the
 * values came from, as a file's name would, and two checkpoints that hold the same values are
 * equal.
 *
 * @param tensors tensors by name, in the order of their data in the file
 * @param metadata the header's {@code __metadata__}, empty if the file has none
 * @param fileTypes the type each tensor had in the file, as the header names it ({@code F16},
 *     {@code BF16}, {@code F32}, {@code F64}, {@code I64}, {@code BOOL}, ...); empty for a
 *     checkpoint made in memory
 * @param unreadable the file's tensors of types chainrule does not read, or of values it cannot
 *     hold exactly ({@code inexact}), or of dimensions a shape cannot hold, in file order, with
 *     the type and dimensions its header gives; empty for a checkpoint made in memory
 * @param inexact of the unreadable tensors, those of a type chainrule reads, by name, each with
 *     why its values cannot be read ({@code "I64 value 4611686018427387905 lies beyond ±2^53,
 *     where float64 no longer holds every whole number"})
 * @param source what messages call the checkpoint: the path of the file it was read from (as
 *     {@link SafeTensors#read} names it), {@code <bytes>} for one read from bytes, {@code
 *     checkpoint} for one made in memory
 */
public record Checkpoint(Map<String, Tensor> tensors, Map<String, String> metadata,
    Map<String, String> fileTypes, List<TensorListing.Entry> unreadable,
    Map<String, String> inexact, String source) {
  /** What messages call a checkpoint made in memory. */
  static final String IN_MEMORY = "checkpoint";

  /**
   * Copies the maps and list, keeping their order; nulls are rejected, and so is a file type that
   * names no tensor, a type chainrule does not read, or one its tensor could not have been read
   * from, an unreadable tensor of a name taken or of a type chainrule reads without a reason in
   * {@code inexact}, and a reason for a name not among the unreadable of such a type.
   *
   * @param tensors the tensors by name, in file order
   * @param metadata the string metadata of the header's {@code __metadata__}
   * @param fileTypes the file's type of some or all of the tensors, by name
   * @param unreadable the tensors of types chainrule does not read, or of inexact values
   * @param inexact why each unreadable tensor of a type chainrule reads is unreadable
   * @param source what messages call the checkpoint
   */
  public Checkpoint {
    checkNotNull(source, "checkpoint: source is null");
    tensors = ImmutableMap.copyOf(checkNotNull(tensors, "checkpoint: tensors are null"));
    metadata = ImmutableMap.copyOf(checkNotNull(metadata, "checkpoint: metadata is null"));
    fileTypes = ImmutableMap.copyOf(checkNotNull(fileTypes, "checkpoint: file types are null"));
    unreadable = ImmutableList.copyOf(
        checkNotNull(unreadable, "checkpoint: unreadable tensors are null"));
    inexact = ImmutableMap.copyOf(checkNotNull(inexact, "checkpoint: inexact tensors are null"));
    for (Map.Entry<String, String> entry : fileTypes.entrySet()) {
      String name = Quoting.quote(entry.getKey());
      Tensor tensor = tensors.get(entry.getKey());
      checkArgument(tensor != null, "checkpoint: a file type is given for %s, which is not among"
          + " the tensors %s", name, tensors.keySet());
      Optional<DType> readAs = FileDType.named(entry.getValue()).flatMap(FileDType::coreType);
      checkArgument(readAs.isPresent(), "checkpoint: tensor %s has file type %s; chainrule reads"
          + " %s only", name, Quoting.quote(entry.getValue()), FileDType.readable());
      checkArgument(readAs.get() == tensor.dtype(), "checkpoint: tensor %s is %s, but %s is read"
          + " as %s", name, tensor.dtype(), entry.getValue(), readAs.get());
    }
    Set<String> names = new HashSet<>(tensors.keySet());
    for (TensorListing.Entry entry : unreadable) {
      String name = Quoting.quote(entry.name());
      checkArgument(names.add(entry.name()), "checkpoint: unreadable tensor %s is named twice,"
          + " or also among the tensors", name);
      // A type chainrule reads is unreadable only with a value it cannot hold exactly, or in a
      // shape it cannot hold.
      boolean reason = inexact.containsKey(entry.name());
      boolean shapeless = entry.shape().isEmpty();
      Optional<FileDType> type = FileDType.named(entry.dtype());
      checkArgument(type.filter(t -> reason || shapeless || t.coreType().isEmpty()).isPresent(),
          "checkpoint: tensor %s is listed as unreadable with type %s, which is not a type the"
          + " format defines and chainrule does not read", name, Quoting.quote(entry.dtype()));
      checkArgument(!reason || type.get().coreType().isPresent(), "checkpoint: tensor %s has type"
          + " %s, which chainrule does not read, and a reason its values cannot be", name,
          entry.dtype());
      checkArgument(!reason || !shapeless, "checkpoint: tensor %s has dimensions %s, so no"
          + " elements, and a reason its values cannot be read", name, entry.dims());
    }
    for (String name : inexact.keySet()) {
      checkArgument(unreadable.stream().anyMatch(e -> e.name().equals(name)), "checkpoint: a"
          + " reason is given for %s, which is not among the unreadable tensors",
          Quoting.quote(name));
    }
  }

  /**
   * A checkpoint made in memory, called {@code checkpoint} in messages.
   *
   * @param tensors the tensors by name, in file order
   * @param metadata the string metadata of the header's {@code __metadata__}
   * @param fileTypes the file's type of some or all of the tensors, by name
   * @param unreadable the tensors of types chainrule does not read, or of inexact values
   * @param inexact why each unreadable tensor of a type chainrule reads is unreadable
   */
  public Checkpoint(Map<String, Tensor> tensors, Map<String, String> metadata,
      Map<String, String> fileTypes, List<TensorListing.Entry> unreadable,
      Map<String, String> inexact) {
    this(tensors, metadata, fileTypes, unreadable, inexact, IN_MEMORY);
  }

  /**
   * A checkpoint whose unreadable tensors are all of types chainrule does not read.
   *
   * @param tensors the tensors by name, in file order
   * @param metadata the string metadata of the header's {@code __metadata__}
   * @param fileTypes the file's type of some or all of the tensors, by name
   * @param unreadable the tensors of types chainrule does not read
   */
  public Checkpoint(Map<String, Tensor> tensors, Map<String, String> metadata,
      Map<String, String> fileTypes, List<TensorListing.Entry> unreadable) {
    this(tensors, metadata, fileTypes, unreadable, Map.of());
  }

  /**
   * A checkpoint whose every tensor was read, with their file types.
   *
   * @param tensors the tensors by name, in file order
   * @param metadata the string metadata of the header's {@code __metadata__}
   * @param fileTypes the file's type of some or all of the tensors, by name
   */
  public Checkpoint(Map<String, Tensor> tensors, Map<String, String> metadata,
      Map<String, String> fileTypes) {
    this(tensors, metadata, fileTypes, List.of(), Map.of());
  }

  /**
   * A checkpoint made in memory, without file types.
   *
   * @param tensors the tensors by name, in order
   * @param metadata the string metadata
   */
  public Checkpoint(Map<String, Tensor> tensors, Map<String, String> metadata) {
    this(tensors, metadata, Map.of(), List.of(), Map.of());
  }

  /**
   * The tensor with this name, or an error that lists the names there are.
   *
   * @param name the buffer's name, such as {@code exp_avg}
   * @return the tensor
   * @throws CheckpointException if the file holds the tensor in a type chainrule does not read
   *     (rule {@link CheckpointException.Rule#UNSUPPORTED_DTYPE}) or with a value float64 cannot
   *     hold exactly (rule {@link CheckpointException.Rule#INEXACT_VALUE})
   * @throws IllegalArgumentException if the checkpoint has no tensor of this name
   */
  public Tensor tensor(String name) {
    Tensor tensor = tensors.get(name);
    if (tensor == null) {
      unreadable(name).ifPresent(entry -> {
        throw unsupported(source, this, List.of(entry));
      });
    }
    checkArgument(tensor != null, "checkpoint: no tensor named %s; it has %s",
        Quoting.quote(String.valueOf(name)), tensors.keySet());
    return tensor;
  }

  /** The unreadable tensor of this name, if there is one. */
  Optional<TensorListing.Entry> unreadable(String name) {
    return unreadable.stream().filter(e -> e.name().equals(name)).findFirst();
  }

  /**
   * The error for a use of unreadable tensors: {@code <source>: unsupported dtype: tensor "m" has
   * dtype C64 (shape [2]); chainrule reads BOOL, U8, ... only}, or, when some hold values float64
   * cannot hold exactly, {@code <source>: value float64 cannot hold exactly: tensor "seed": I64
   * value ... lies beyond ±2^53, ...}, as reading the file whole once refused it, or, when some
   * have a dimension beyond 2^31 - 1, {@code <source>: tensor too large for chainrule: tensor "e"
   * has shape [2147483648, 0], ...}; each kind is joined to those before it by "; and ".
   */
  static CheckpointException unsupported(String source, Checkpoint checkpoint,
      List<TensorListing.Entry> entries) {
    String inexactOnes = entries.stream().filter(e -> checkpoint.inexact.containsKey(e.name()))
        .map(e -> "tensor " + Quoting.quote(e.name()) + ": "
            + checkpoint.inexact.get(e.name()))
        .collect(Collectors.joining("; "));
    String shapeless = entries.stream().filter(e -> e.shape().isEmpty())
        .map(e -> "tensor " + Quoting.quote(e.name()) + " has shape " + e.dims() + SHAPELESS)
        .collect(Collectors.joining("; "));
    List<TensorListing.Entry> typed = entries.stream()
        .filter(e -> !checkpoint.inexact.containsKey(e.name()) && e.shape().isPresent())
        .toList();
    String each = typed.stream().map(e -> "tensor " + Quoting.quote(e.name())
        + " has dtype " + e.dtype() + " (shape " + e.shape().get() + ")")
        .collect(Collectors.joining(", "));
    String types = typed.isEmpty() ? "" : each + "; chainrule reads " + FileDType.readable()
        + " only";
    CheckpointException.Rule rule = !inexactOnes.isEmpty() ? CheckpointException.Rule.INEXACT_VALUE
        : !shapeless.isEmpty() ? CheckpointException.Rule.TENSOR_TOO_LARGE
        : CheckpointException.Rule.UNSUPPORTED_DTYPE;
    String details = Stream.of(inexactOnes, shapeless, types)
        .filter(part -> !part.isEmpty()).collect(Collectors.joining("; and "));
    return new CheckpointException(source, rule, details);
  }

  /**
   * Why a tensor of no elements with a dimension beyond 2^31 - 1 is not read, after its shape:
   * what {@link #unsupported} says, and the reason a load report gives.
   */
  static final String SHAPELESS = ", a dimension beyond the 2^31 - 1 a chainrule shape holds (it"
      + " has no elements)";

  /**
   * Equal tensors (by {@link Tensor#equals}), metadata and unreadable tensors, whatever the file
   * types.
   *
   * @param o the other object
   * @return whether it is a checkpoint with equal tensors, metadata and unreadable tensors
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof Checkpoint c && tensors.equals(c.tensors) && metadata.equals(c.metadata)
        && unreadable.equals(c.unreadable) && inexact.equals(c.inexact);
  }

  @Override
  public int hashCode() {
    return Objects.hash(tensors, metadata, unreadable, inexact);
  }
}
