package dev.chainrule.optim.checkpoint;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableMap;
import dev.chainrule.core.Tensor;
import java.util.Map;

/**
 * The content of a checkpoint file: named tensors in file order and string metadata. Both maps are
 * immutable copies that keep their order; the tensors belong to the caller.
 *
 * @param tensors tensors by name, in the order of their data in the file
 * @param metadata the header's {@code __metadata__}, empty if the file has none
 */
public record Checkpoint(Map<String, Tensor> tensors, Map<String, String> metadata) {
  /**
   * Copies both maps, keeping their order; nulls are rejected.
   *
   * @param metadata the string metadata of the header's {@code __metadata__}
   * @param tensors the tensors by name, in file order
   */
  public Checkpoint {
    tensors = ImmutableMap.copyOf(checkNotNull(tensors, "checkpoint: tensors are null"));
    metadata = ImmutableMap.copyOf(checkNotNull(metadata, "checkpoint: metadata is null"));
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
}
