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
 * <p>Equality is by tensors, metadata and unreadable tensors (by name, type and shape: their
 * values are not read): the file types tell where the values came from, as a file's name would,
 * and two checkpoints that hold the same values are equal.
 *
 * @param tensors tensors by name, in the order of their data in the file
 * @param metadata the header's {@code __metadata__}, empty if the file has none
 * @param fileTypes the type each tensor had in the file, as the header names it ({@code F16},
 *     {@code BF16}, {@code F32}, {@code F64}, {@code I64}, {@code BOOL}, ...); empty for a
 *     checkpoint made in memory
 * @param unreadable the file's tensors of types chainrule does not read, in file order, with the
 *     type and shape its header gives; empty for a checkpoint made in memory
 */
public record Checkpoint(Map<String, Tensor> tensors, Map<String, String> metadata,
    Map<String, String> fileTypes, List<TensorListing.Entry> unreadable) {
  /**
   * Copies the maps and list, keeping their order; nulls are rejected, and so is a file type that
   * names no tensor, a type chainrule does not read, or one its tensor could not have been read
   * from, and an unreadable tensor of a type chainrule reads or of a name taken.
   *
   * @param tensors the tensors by name, in file order
   * @param metadata the string metadata of the header's {@code __metadata__}
   * @param fileTypes the file's type of some or all of the tensors, by name
   * @param unreadable the tensors of types chainrule does not read
   */
  public Checkpoint {
    tensors = ImmutableMap.copyOf(checkNotNull(tensors, "checkpoint: tensors are null"));
    metadata = ImmutableMap.copyOf(checkNotNull(metadata, "checkpoint: metadata is null"));
    fileTypes = ImmutableMap.copyOf(checkNotNull(fileTypes, "checkpoint: file types are null"));
    unreadable = ImmutableList.copyOf(
        checkNotNull(unreadable, "checkpoint: unreadable tensors are null"));
    for (Map.Entry<String, String> entry : fileTypes.entrySet()) {
      String name = HeaderParser.quote(entry.getKey());
      Tensor tensor = tensors.get(entry.getKey());
      checkArgument(tensor != null, "checkpoint: a file type is given for %s, which is not among"
          + " the tensors %s", name, tensors.keySet());
      Optional<DType> readAs = FileDType.named(entry.getValue()).flatMap(FileDType::coreType);
      checkArgument(readAs.isPresent(), "checkpoint: tensor %s has file type %s; chainrule reads"
          + " %s only", name, HeaderParser.quote(entry.getValue()), FileDType.readable());
      checkArgument(readAs.get() == tensor.dtype(), "checkpoint: tensor %s is %s, but %s is read"
          + " as %s", name, tensor.dtype(), entry.getValue(), readAs.get());
    }
    Set<String> names = new HashSet<>(tensors.keySet());
    for (TensorListing.Entry entry : unreadable) {
      String name = HeaderParser.quote(entry.name());
      checkArgument(names.add(entry.name()), "checkpoint: unreadable tensor %s is named twice,"
          + " or also among the tensors", name);
      checkArgument(FileDType.named(entry.dtype()).filter(t -> t.coreType().isEmpty()).isPresent(),
          "checkpoint: tensor %s is listed as unreadable with type %s, which is not a type the"
          + " format defines and chainrule does not read", name, HeaderParser.quote(entry.dtype()));
    }
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
    this(tensors, metadata, fileTypes, List.of());
  }

  /**
   * A checkpoint made in memory, without file types.
   *
   * @param tensors the tensors by name, in order
   * @param metadata the string metadata
   */
  public Checkpoint(Map<String, Tensor> tensors, Map<String, String> metadata) {
    this(tensors, metadata, Map.of(), List.of());
  }

  /**
   * The tensor with this name, or an error that lists the names there are.
   *
   * @param name the buffer's name, such as {@code exp_avg}
   * @return the tensor
   * @throws CheckpointException if the file holds the tensor in a type chainrule does not read
   *     (rule {@link CheckpointException.Rule#UNSUPPORTED_DTYPE})
   * @throws IllegalArgumentException if the checkpoint has no tensor of this name
   */
  public Tensor tensor(String name) {
    Tensor tensor = tensors.get(name);
    if (tensor == null) {
      unreadable(name).ifPresent(entry -> {
        throw unsupported("checkpoint", List.of(entry));
      });
    }
    checkArgument(tensor != null, "checkpoint: no tensor named %s; it has %s",
        HeaderParser.quote(String.valueOf(name)), tensors.keySet());
    return tensor;
  }

  /** The unreadable tensor of this name, if there is one. */
  Optional<TensorListing.Entry> unreadable(String name) {
    return unreadable.stream().filter(e -> e.name().equals(name)).findFirst();
  }

  /**
   * The error for a use of unreadable tensors: {@code <source>: unsupported dtype: tensor "m" has
   * dtype C64 (shape [2]); chainrule reads BOOL, U8, ... only}.
   */
  static CheckpointException unsupported(String source, List<TensorListing.Entry> entries) {
    String each = entries.stream().map(e -> "tensor " + HeaderParser.quote(e.name())
        + " has dtype " + e.dtype() + " (shape " + e.shape() + ")")
        .collect(Collectors.joining(", "));
    return new CheckpointException(source, CheckpointException.Rule.UNSUPPORTED_DTYPE,
        each + "; chainrule reads " + FileDType.readable() + " only");
  }

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
        && unreadable.equals(c.unreadable);
  }

  @Override
  public int hashCode() {
    return Objects.hash(tensors, metadata, unreadable);
  }
}
