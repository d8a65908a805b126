package dev.chainrule.optim.checkpoint;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.chainrule.core.Shape;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
   * @param dims its dimensions as the header gives them, outermost first: one may exceed
   *     2^31 - 1, which a {@link Shape} cannot hold, in a tensor of no elements (PyTorch's
   *     {@code torch.empty(2**31, 0)})
   * @param bytes the bytes its data takes
   */
  public record Entry(String name, String dtype, List<Long> dims, long bytes) {
    /**
     * Copies the dimensions.
     *
     * @param name its name
     * @param dtype its type as the file names it
     * @param dims its dimensions, each at least 0
     * @param bytes the bytes its data takes
     * @throws IllegalArgumentException naming the tensor when a dimension is negative
     */
    public Entry {
      checkNotNull(name, "listing: a name is null");
      checkNotNull(dtype, "listing: the dtype of %s is null", name);
      dims = ImmutableList.copyOf(checkNotNull(dims, "listing: the dims of %s are null", name));
      checkArgument(dims.stream().allMatch(d -> d >= 0), "listing: tensor %s has a negative"
          + " dimension in %s", name, dims);
    }

    /**
     * A tensor whose shape chainrule holds.
     *
     * @param name its name
     * @param dtype its type as the file names it
     * @param shape its shape
     * @param bytes the bytes its data takes
     */
    public Entry(String name, String dtype, Shape shape, long bytes) {
      this(name, dtype, dimsOf(shape), bytes);
    }

    /**
     * The shape, when chainrule holds it.
     *
     * @return the shape, or empty when a dimension exceeds 2^31 - 1 (the tensor then has no
     *     elements, and is listed in {@link Checkpoint#unreadable()})
     */
    public Optional<Shape> shape() {
      return shapeOf(dims);
    }

    /**
     * Whether chainrule reads this tensor's type and shape, as far as the header tells; a file's
     * tensors it does not read are listed in its {@link Checkpoint#unreadable()}. A listing reads
     * no data, so an I64 or U64 tensor holding a value beyond ±2^53 (which float64 cannot hold
     * exactly) is readable here and unreadable once {@link SafeTensors#read} has seen its values.
     *
     * @return true for the types {@link SafeTensors} reads (F64, F32, F16, BF16, I64, BOOL, ...)
     *     in a shape chainrule holds (every dimension at most 2^31 - 1)
     */
    public boolean readable() {
      return FileDType.named(dtype).flatMap(FileDType::coreType).isPresent()
          && shape().isPresent();
    }
  }

  /** A shape's dimensions as a listing gives them. */
  static List<Long> dimsOf(Shape shape) {
    return Arrays.stream(checkNotNull(shape, "listing: shape is null").dims()).asLongStream()
        .boxed().toList();
  }

  /** The shape of these dimensions, or empty when one is beyond 2^31 - 1. */
  static Optional<Shape> shapeOf(List<Long> dims) {
    if (dims.stream().anyMatch(d -> d > Integer.MAX_VALUE)) {
      return Optional.empty();
    }
    return Optional.of(Shape.of(dims.stream().mapToInt(Long::intValue).toArray()));
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
