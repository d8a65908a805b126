package dev.chainrule.optim.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** Transparent gzip: recognised by its magic bytes, never by a file name that may lie. */
final class Compression {
  private static final int BUFFER = 1 << 16;

  private Compression() {}

  /** {@code in}, decompressed if it starts with the gzip magic bytes {@code 1f 8b}. */
  static InputStream decompressed(InputStream in) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(in, BUFFER);
    buffered.mark(2);
    int first = buffered.read();
    int second = buffered.read();
    buffered.reset();
    return first == 0x1f && second == 0x8b ? new GZIPInputStream(buffered, BUFFER) : buffered;
  }
}
