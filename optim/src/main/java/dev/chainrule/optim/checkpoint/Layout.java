package dev.chainrule.optim.checkpoint;

import static dev.chainrule.optim.checkpoint.CheckpointException.Rule.DATA_END;
import static dev.chainrule.optim.checkpoint.CheckpointException.Rule.GAP;
import static dev.chainrule.optim.checkpoint.CheckpointException.Rule.OVERLAP;
import static dev.chainrule.optim.checkpoint.CheckpointException.Rule.SIZE_MISMATCH;
import static dev.chainrule.optim.checkpoint.Quoting.quote;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The rules that tie a header to the bytes after it: each tensor's range holds exactly its shape
 * times its element size, and the ranges, sorted by where they begin, tile the data section from
 * byte 0 to the end of the file with no gap and no overlap (so a file has no hidden bytes and no
 * byte belongs to two tensors).
 */
final class Layout {
  private Layout() {}

  /**
   * Checks the header's entries against a data section of {@code dataLength} bytes and returns them
   * in file order: by begin, then end (a zero-size tensor sits before the tensor that starts where
   * it does), header order among equals.
   */
  static List<Header.Entry> check(String source, Header header, long dataLength) {
    for (Header.Entry entry : header.entries()) {
      if (entry.byteSize() < 0) {
        throw new CheckpointException(source, SIZE_MISMATCH, String.format(Locale.ROOT, 
            "tensor %s: %d elements of %s do not fill whole bytes", quote(entry.name()),
            entry.elements(), entry.dtype()));
      }
      if (entry.end() - entry.begin() != entry.byteSize()) {
        throw new CheckpointException(source, SIZE_MISMATCH, String.format(Locale.ROOT, 
            "tensor %s: shape %s of %s needs %d bytes, data_offsets %s hold %d",
            quote(entry.name()), entry.dims(), entry.dtype(), entry.byteSize(),
            entry.range(), entry.end() - entry.begin()));
      }
    }
    List<Header.Entry> ordered = new ArrayList<>(header.entries());
    ordered.sort(
        Comparator.comparingLong(Header.Entry::begin).thenComparingLong(Header.Entry::end));
    long expected = 0;
    Header.Entry previous = null;
    for (Header.Entry entry : ordered) {
      if (entry.begin() < expected) {
        throw new CheckpointException(source, OVERLAP, String.format(Locale.ROOT, 
            "tensor %s at %s overlaps tensor %s at %s", quote(entry.name()), entry.range(),
            quote(previous.name()), previous.range()));
      }
      if (entry.begin() > expected) {
        throw new CheckpointException(source, GAP, String.format(Locale.ROOT, 
            "bytes [%d, %d) of the data section belong to no tensor", expected, entry.begin()));
      }
      expected = entry.end();
      previous = entry;
    }
    if (expected != dataLength) {
      throw new CheckpointException(source, DATA_END, String.format(Locale.ROOT, 
          "the tensors take %d bytes, the file has %d after the header%s", expected, dataLength,
          expected > dataLength ? " (is it truncated?)" : " (bytes appended?)"));
    }
    return ordered;
  }
}
