package dev.chainrule.optim.checkpoint;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.chainrule.core.Shape;
import java.util.List;
import java.util.Map;

/**
 * What a safetensors header says: one entry per tensor, in the order the header lists them, and
 * the string metadata. Offsets count bytes from the start of the data section.
 */
record Header(List<Entry> entries, Map<String, String> metadata) {
  Header {
    entries = ImmutableList.copyOf(entries);
    metadata = ImmutableMap.copyOf(metadata);
  }

  /** One tensor: its type, its shape and the bytes {@code [begin, end)} that hold it. */
  record Entry(String name, FileDType dtype, Shape shape, long begin, long end) {
    /**
     * Bytes the shape and type need (the shape's size was checked to fit an int), or −1 when a
     * sub-byte type leaves a partial byte.
     */
    long byteSize() {
      return dtype.bytes(shape.size());
    }

    /** {@code [begin, end]}, as the header writes it. */
    String range() {
      return "[" + begin + ", " + end + "]";
    }
  }
}
