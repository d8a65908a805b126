package dev.chainrule.optim.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * Gzip data (RFC 1952) decompressed strictly: one member or several one after another, as {@link
 * java.util.zip.GZIPInputStream} reads them, but bytes after the last member that are not another
 * member are an error. GZIPInputStream ignores them without a word, so a damaged or appended-to
 * file read as if it were whole; Python's gzip module refuses them ("Not a gzipped file") and
 * {@code gzip -t} warns of "trailing garbage". Zero bytes after the last member are padding (tape
 * blocks), which both accept, and so does this.
 *
 * <p>Failures are those of GZIPInputStream, with its messages: {@link ZipException} for corrupt
 * data, an {@link EOFException} for a stream that ends early (in a header, the data or a
 * trailer), which the readers turn into messages naming the file.
 */
final class StrictGzipStream extends InputStream {
  private static final int BUFFER = 1 << 16;
  private static final int FHCRC = 2;
  private static final int FEXTRA = 4;
  private static final int FNAME = 8;
  private static final int FCOMMENT = 16;

  private final InputStream in;
  private final byte[] buffer = new byte[BUFFER];
  /** Compressed bytes read from {@code in} and not yet used: {@code buffer[position, limit)}. */
  private int position;
  private int limit;
  private final Inflater inflater = new Inflater(true);
  private final CRC32 crc = new CRC32();
  private boolean ended;
  private final byte[] one = new byte[1];

  /** Reads the first member's header, so a stream that is not gzip fails here. */
  StrictGzipStream(InputStream in) throws IOException {
    this.in = in;
    try {
      header();
    } catch (IOException | RuntimeException e) {
      inflater.end();  // its native memory would wait for a collection otherwise
      throw e;
    }
  }

  @Override
  public int read() throws IOException {
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (ended) {
      return -1;
    }
    if (len == 0) {
      return 0;
    }
    while (true) {
      int n;
      try {
        n = inflater.inflate(b, off, len);
      } catch (java.util.zip.DataFormatException e) {
        throw new ZipException(
            e.getMessage() != null ? e.getMessage() : "Invalid ZLIB data format");
      }
      if (n > 0) {
        crc.update(b, off, n);
        return n;
      }
      if (inflater.finished()) {
        position = limit - inflater.getRemaining();
        trailer();
        if (!nextMember()) {
          ended = true;
          inflater.end();
          return -1;
        }
      } else if (inflater.needsDictionary()) {
        throw new ZipException("a gzip member asks for a preset dictionary, which gzip has not");
      } else if (inflater.needsInput()) {
        if (position == limit && !fill()) {
          throw new EOFException("Unexpected end of ZLIB input stream");
        }
        inflater.setInput(buffer, position, limit - position);
        position = limit;
      }
    }
  }

  @Override
  public void close() throws IOException {
    inflater.end();
    in.close();
  }

  /** A member's header, from its first byte, checked; then the member's data comes next. */
  private void header() throws IOException {
    CRC32 headerCrc = new CRC32();
    if (next(headerCrc) != 0x1f || next(headerCrc) != 0x8b) {
      throw new ZipException("Not in GZIP format");
    }
    if (next(headerCrc) != 8) {
      throw new ZipException("Unsupported compression method");
    }
    int flags = next(headerCrc);
    for (int i = 0; i < 6; i++) {
      next(headerCrc);  // modification time, extra flags, operating system
    }
    if ((flags & FEXTRA) != 0) {
      int length = next(headerCrc) | next(headerCrc) << 8;
      for (int i = 0; i < length; i++) {
        next(headerCrc);
      }
    }
    for (int field : new int[] {FNAME, FCOMMENT}) {
      if ((flags & field) != 0) {
        while (next(headerCrc) != 0) {
          // a zero-terminated name or comment
        }
      }
    }
    if ((flags & FHCRC) != 0) {
      int expected = next(null) | next(null) << 8;
      if (expected != ((int) headerCrc.getValue() & 0xffff)) {
        throw new ZipException("Corrupt GZIP header");
      }
    }
    inflater.reset();
    crc.reset();
  }

  /** The CRC-32 and length that end a member, checked against the data it gave. */
  private void trailer() throws IOException {
    long crcValue = unsignedInt();
    long size = unsignedInt();
    if (crcValue != crc.getValue() || size != (inflater.getBytesWritten() & 0xffff_ffffL)) {
      throw new ZipException("Corrupt GZIP trailer");
    }
  }

  /**
   * After a member's trailer: true when another member follows (its header read), false at the
   * end of the stream or of zero padding; anything else is refused, counted to the end.
   */
  private boolean nextMember() throws IOException {
    if (!hasByte()) {
      return false;
    }
    if ((buffer[position] & 0xff) == 0x1f) {
      try {
        header();
      } catch (EOFException e) {
        throw new ZipException("the bytes after the end of the gzip data begin another member"
            + " and end in its header: is the file cut short, or was something appended to it?");
      } catch (ZipException e) {
        // Bytes that begin as a member's magic number does and then are none: appended, not
        // corrupt gzip data.
        throw new ZipException("the bytes after the end of the gzip data begin like another"
            + " member, but are not one (" + e.getMessage() + "): is the file damaged, or was"
            + " something appended to it?");
      }
      return true;
    }
    long zeros = 0;
    while (hasByte() && buffer[position] == 0) {
      position++;
      zeros++;
    }
    if (!hasByte()) {
      return false;
    }
    long rest = limit - position;
    while (fill()) {
      rest += limit;
    }
    long extra = zeros + rest;
    throw new ZipException(String.format(Locale.ROOT,
        "%d byte%s after the end of the gzip data %s not gzip"
        + " data: is the file damaged, or was something appended to it?", extra,
        extra == 1 ? "" : "s", extra == 1 ? "is" : "are"));
  }

  private long unsignedInt() throws IOException {
    long value = 0;
    for (int i = 0; i < 4; i++) {
      value |= (long) next(null) << (8 * i);
    }
    return value;
  }

  /** The next compressed byte, added to {@code headerCrc} when not null. */
  private int next(CRC32 headerCrc) throws IOException {
    if (!hasByte()) {
      throw new EOFException("Unexpected end of gzip stream");
    }
    int b = buffer[position++] & 0xff;
    if (headerCrc != null) {
      headerCrc.update(b);
    }
    return b;
  }

  private boolean hasByte() throws IOException {
    return position < limit || fill();
  }

  /** Refills the buffer from {@code in}; false at its end. */
  private boolean fill() throws IOException {
    int read;
    do {
      read = in.read(buffer, 0, buffer.length);
    } while (read == 0);
    position = 0;
    limit = Math.max(read, 0);
    return read > 0;
  }
}
