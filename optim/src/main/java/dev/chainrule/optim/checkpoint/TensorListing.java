package dev.chainrule.optim.checkpoint;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.chainrule.core.Shape;
import java.util.List;
import java.util.Map;

/**
 * What a safetensors file holds according to its header, which has been validated as strictly as
 * for reading (layout included), without reading a tensor: so it lists files of any type the
 * format defines (BF16, I64, ...), not only those chainrule reads.
 *
 * @param tensors every tensor, in the order the header lists them
 * @param metadata the header's {@code __metadata__}, empty if the file has none
 */
public record TensorListing(List<Entry> tensors, Map<String, String> metadata) {
  /**
   * One tensor.
   *
   * @param name its name
   * @param dtype its type as the file names it: {@code F64}, {@code F32}, {@code I64}, ...
   * @param shape its shape
   * @param bytes the bytes its data takes
   */
  public record Entry(String name, String dtype, Shape shape, long bytes) {
    /**
     * Whether chainrule reads this tensor's type; a file's tensors of other types are listed in
     * its {@link Checkpoint#unreadable()}.
     *
     * @return true for the types {@link SafeTensors} reads (F64, F32, F16, BF16, I64, BOOL, ...)
     */
    public boolean readable() {
      return FileDType.named(dtype).flatMap(FileDType::coreType).isPresent();
    }
  }

  /**
   * Copies the parts.
   *
   * @param tensors every tensor, in header order
   * @param metadata the header's metadata
   */
  public TensorListing {
    tensors = ImmutableList.copyOf(checkNotNull(tensors, "listing: tensors are null"));
    metadata = ImmutableMap.copyOf(checkNotNull(metadata, "listing: metadata is null"));
  }

  /**
   * The bytes of the data section.
   *
   * @return the sum of the tensors' bytes
   */
  public long dataBytes() {
    return tensors.stream().mapToLong(Entry::bytes).sum();
  }
}
