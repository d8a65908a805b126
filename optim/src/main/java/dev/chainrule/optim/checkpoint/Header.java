package dev.chainrule.optim.checkpoint;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.chainrule.core.Shape;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a safetensors header says: one entry per tensor, in the order the header lists them, and
 * the string metadata. Offsets count bytes from the start of the data section.
 */
record Header(List<Entry> entries, Map<String, String> metadata) {
  Header {
    entries = ImmutableList.copyOf(entries);
    metadata = ImmutableMap.copyOf(metadata);
  }

  /**
   * One tensor: its type, its dimensions as the header writes them and the bytes
   * {@code [begin, end)} that hold it. A dimension may exceed 2^31 - 1 only in a tensor of no
   * elements ({@link HeaderParser} refuses the others).
   */
  record Entry(String name, FileDType dtype, List<Long> dims, long begin, long end) {
    Entry {
      dims = ImmutableList.copyOf(dims);
    }

    /** The shape, or empty when a dimension is beyond what a {@link Shape} holds. */
    Optional<Shape> shape() {
      return TensorListing.shapeOf(dims);
    }

    /** The number of elements: 0 for a tensor without a shape, which has none. */
    long elements() {
      return shape().map(Shape::size).orElse(0);
    }

    /**
     * Bytes the shape and type need (the shape's size was checked to fit an int), or −1 when a
     * sub-byte type leaves a partial byte.
     */
    long byteSize() {
      return dtype.bytes(elements());
    }

    /** {@code [begin, end]}, as the header writes it. */
    String range() {
      return "[" + begin + ", " + end + "]";
    }
  }
}
