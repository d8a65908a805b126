package dev.chainrule.optim.checkpoint;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableMap;
import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The content of a checkpoint file: named tensors in file order, string metadata, and the type
 * each tensor had in the file. The maps are immutable copies that keep their order; the tensors
 * belong to the caller.
 *
 * <p>The file types say what the tensors were read from where that is not plain from their own
 * type: an F16 or BF16 tensor is read as float32 and an I64 one as float64, and a load report
 * names the file's type ({@code "w: F16 -> float64 (exact)"}). A checkpoint made in memory has
 * none. Equality is by tensors and metadata alone: the file types tell where the values came
 * from, as a file's name would, and two checkpoints that hold the same values are equal.
 *
 * @param tensors tensors by name, in the order of their data in the file
 * @param metadata the header's {@code __metadata__}, empty if the file has none
 * @param fileTypes the type each tensor had in the file, as the header names it ({@code F16},
 *     {@code BF16}, {@code F32}, {@code F64}, {@code I64}); empty for a checkpoint made in memory
 */
public record Checkpoint(Map<String, Tensor> tensors, Map<String, String> metadata,
    Map<String, String> fileTypes) {
  /**
   * Copies the maps, keeping their order; nulls are rejected, and so is a file type that names no
   * tensor, a type chainrule does not read, or one its tensor could not have been read from.
   *
   * @param tensors the tensors by name, in file order
   * @param metadata the string metadata of the header's {@code __metadata__}
   * @param fileTypes the file's type of some or all of the tensors, by name
   */
  public Checkpoint {
    tensors = ImmutableMap.copyOf(checkNotNull(tensors, "checkpoint: tensors are null"));
    metadata = ImmutableMap.copyOf(checkNotNull(metadata, "checkpoint: metadata is null"));
    fileTypes = ImmutableMap.copyOf(checkNotNull(fileTypes, "checkpoint: file types are null"));
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
  }

  /**
   * A checkpoint made in memory, without file types.
   *
   * @param tensors the tensors by name, in order
   * @param metadata the string metadata
   */
  public Checkpoint(Map<String, Tensor> tensors, Map<String, String> metadata) {
    this(tensors, metadata, Map.of());
  }

  /**
   * The tensor with this name, or an error that lists the names there are.
   *
   * @param name the buffer's name, such as {@code exp_avg}
   * @return the tensor
   */
  public Tensor tensor(String name) {
    Tensor tensor = tensors.get(name);
    checkArgument(tensor != null, "checkpoint: no tensor named %s; it has %s",
        HeaderParser.quote(String.valueOf(name)), tensors.keySet());
    return tensor;
  }

  /**
   * Equal tensors (by {@link Tensor#equals}) and metadata, whatever the file types.
   *
   * @param o the other object
   * @return whether it is a checkpoint with equal tensors and metadata
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof Checkpoint c && tensors.equals(c.tensors) && metadata.equals(c.metadata);
  }

  @Override
  public int hashCode() {
    return Objects.hash(tensors, metadata);
  }
}
