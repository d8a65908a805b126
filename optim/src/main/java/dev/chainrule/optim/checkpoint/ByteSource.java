package dev.chainrule.optim.checkpoint;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Random access to the bytes of a checkpoint, so that files and byte arrays are read by the same
 * code: the reader asks for exactly the ranges it has validated and never maps or loads a whole
 * file it has not checked.
 */
interface ByteSource {
  /** Total length in bytes. */
  long size() throws IOException;

  /** Fills {@code target} (up to its limit) with the bytes starting at {@code position}. */
  void readFully(long position, ByteBuffer target) throws IOException;

  /** What messages call this source: the file name, or a description. */
  String name();

  static ByteSource of(FileChannel channel, String name) {
    return new ByteSource() {
      @Override
      public long size() throws IOException {
        return channel.size();
      }

      @Override
      public void readFully(long position, ByteBuffer target) throws IOException {
        long at = position;
        while (target.hasRemaining()) {
          int read = channel.read(target, at);
          if (read < 0) {
            throw new EOFException("the file ended at byte " + at + "; did it change?");
          }
          at += read;
        }
      }

      @Override
      public String name() {
        return name;
      }
    };
  }

  static ByteSource of(byte[] bytes, String name) {
    return new ByteSource() {
      @Override
      public long size() {
        return bytes.length;
      }

      @Override
      public void readFully(long position, ByteBuffer target) throws IOException {
        if (position < 0 || position + target.remaining() > bytes.length) {
          throw new EOFException("read past the end of " + bytes.length + " bytes");
        }
        target.put(bytes, (int) position, target.remaining());
      }

      @Override
      public String name() {
        return name;
      }
    };
  }
}
