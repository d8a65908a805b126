package dev.chainrule.optim.data;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.core.Tensors;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipException;

/**
 * The IDX format itself, apart from the tensors and datasets made of its bytes: the header's
 * magic number and dimensions, the exact length, and gzip's failures, each refused as a {@link
 * DataFormatException} naming the file.
 */
final class IdxFiles {
  static final Kind IMAGES = new Kind("images", 0x00000803, 3);
  static final Kind LABELS = new Kind("labels", 0x00000801, 1);
  private static final int FIRST_CHUNK = 1 << 20;

  private IdxFiles() {}

  /** What a file of one kind must start with: its magic number and how many dimensions follow. */
  record Kind(String name, int magic, int rank) {
    int headerBytes() {
      return 4 * (1 + rank);
    }

    String layout() {
      return rank == 1 ? "unsigned bytes, 1 dimension" : "unsigned bytes, " + rank + " dimensions";
    }

    /** {@code 10 images of 28 × 28} or {@code 10 labels}. */
    String describe(int[] dims) {
      return rank == 1 ? dims[0] + " labels"
          : dims[0] + " images of " + dims[1] + " × " + dims[2];
    }
  }

  /** A validated file: its name, dimensions and data bytes. */
  record Contents(String source, int[] dims, byte[] data) {}

  static Contents read(Path file, Kind kind) throws IOException {
    return open(file, kind, (in, source) -> read(in, source, kind));
  }

  /** The dimensions a file's header declares; its data is not read. */
  static int[] headerDims(Path file, Kind kind) throws IOException {
    return open(file, kind, (in, source) -> gzipChecked(source,
        () -> header(Compression.decompressed(in), source, kind)));
  }

  /** What is read from a file's stream, named by {@code source} in messages. */
  private interface StreamReader<T> {
    T read(InputStream in, String source) throws IOException;
  }

  /** What is read from a file once its stream is decompressed. */
  private interface Decompressed<T> {
    T read() throws IOException;
  }

  /** The file opened for {@code reader}, which messages name by the file's name. */
  private static <T> T open(Path file, Kind kind, StreamReader<T> reader) throws IOException {
    checkNotNull(file, "IdxReader: %s file is null", kind.name());
    if (Files.isDirectory(file)) {
      // The stream's own failure read "Is a directory", naming no path.
      throw new FileSystemException(file.toString(), null, "is a folder, not an IDX file");
    }
    Path name = file.getFileName();
    try (InputStream in = Files.newInputStream(file)) {
      return reader.read(in, name == null ? file.toString() : name.toString());
    }
  }

  /** gzip's own failures as the data's: corrupt data, or a stream cut short in its header. */
  private static <T> T gzipChecked(String source, Decompressed<T> body) throws IOException {
    try {
      return body.read();
    } catch (ZipException e) {
      throw new DataFormatException(source + ": corrupt gzip data (" + e.getMessage() + ")", e);
    } catch (EOFException e) {
      // Data reads turn a cut-short stream into a short count; only the gzip header gets here.
      throw new DataFormatException(source + ": truncated: the gzip stream ends in its header", e);
    }
  }

  static Contents read(InputStream raw, String source, Kind kind) throws IOException {
    checkNotNull(raw, "IdxReader: input stream is null");
    checkNotNull(source, "IdxReader: source name is null");
    return gzipChecked(source, () -> {
      InputStream in = Compression.decompressed(raw);
      int[] dims = header(in, source, kind);
      long expected = 1;
      for (int d : dims) {
        expected *= d;  // each factor is below 2^31 and the product is checked at every step
        if (expected > Tensors.LONGEST_ARRAY) {
          throw new DataFormatException(String.format(Locale.ROOT, 
              "%s: the header declares %s, more bytes than an array can hold", source,
              kind.describe(dims)));
        }
      }
      byte[] data = readUpTo(in, (int) expected);
      if (data.length < expected) {
        throw new DataFormatException(String.format(Locale.ROOT, 
            "%s: truncated: expected %d bytes of data (%s) after the %d-byte header, found %d",
            source, expected, kind.describe(dims), kind.headerBytes(), data.length));
      }
      long extra = remaining(in, source);
      if (extra > 0) {
        throw new DataFormatException(String.format(Locale.ROOT, 
            "%s: %d unexpected bytes after the %d bytes of data (%s) the header declares",
            source, extra, expected, kind.describe(dims)));
      }
      return new Contents(source, dims, data);
    });
  }

  private static int[] header(InputStream in, String source, Kind kind) throws IOException {
    byte[] header = readUpTo(in, kind.headerBytes());
    ByteBuffer fields = ByteBuffer.wrap(header);  // big-endian, as IDX is
    if (header.length >= 4 && fields.getInt(0) != kind.magic()) {
      int magic = fields.getInt(0);
      Kind other = kind == IMAGES ? LABELS : IMAGES;
      throw new DataFormatException(String.format(Locale.ROOT, 
          "%s: magic number 0x%08x is not 0x%08x, that of IDX %s (%s)%s", source, magic,
          kind.magic(), kind.name(), kind.layout(),
          magic == other.magic() ? "; it is that of IDX " + other.name() : ""));
    }
    if (header.length < kind.headerBytes()) {
      throw new DataFormatException(String.format(Locale.ROOT, 
          "%s: truncated: the header of IDX %s has %d bytes, found %d", source, kind.name(),
          kind.headerBytes(), header.length));
    }
    int[] dims = new int[kind.rank()];
    Arrays.setAll(dims, i -> fields.getInt(4 * (i + 1)));
    if (Arrays.stream(dims).anyMatch(d -> d <= 0)) {
      throw new DataFormatException(String.format(Locale.ROOT, 
          "%s: the header declares %s; every dimension must be positive", source,
          kind.describe(dims)));
    }
    return dims;
  }

  /**
   * Up to {@code limit} bytes, read into chunks that are kept in a list and joined once at the end:
   * memory follows what the file really holds (a header's claim is never allocated up front),
   * and no byte is copied twice. Each new chunk is as large as all the earlier ones together
   * (from {@value #FIRST_CHUNK} bytes), so a large file takes a handful of large arrays, which G1
   * allocates outside its young generation: a list of 1 MB chunks were each copied by young
   * collections while a file was read, and those pauses made G1 grow a Fashion-MNIST run's heap by
   * 600 MB. The buffer this replaces doubled by copying and left 63 MB of discarded arrays
   * behind while reading 47 MB.
   */
  private static byte[] readUpTo(InputStream in, int limit) throws IOException {
    List<byte[]> chunks = new ArrayList<>();
    byte[] chunk = new byte[0];
    int inChunk = 0;
    int filled = 0;
    try {
      while (filled < limit) {
        if (inChunk == chunk.length) {
          chunk = new byte[Math.min(Math.max(FIRST_CHUNK, filled), limit - filled)];
          chunks.add(chunk);
          inChunk = 0;
        }
        int read = in.read(chunk, inChunk, chunk.length - inChunk);
        if (read < 0) {
          break;
        }
        inChunk += read;
        filled += read;
      }
    } catch (EOFException e) {
      // A gzip stream cut short ends here; what was read so far is what the file holds.
    }
    if (chunks.size() == 1 && filled == chunk.length) {
      return chunk;
    }
    byte[] data = new byte[filled];
    int at = 0;
    for (byte[] part : chunks) {
      int length = Math.min(part.length, filled - at);
      System.arraycopy(part, 0, data, at, length);
      at += length;
    }
    return data;
  }

  /** Counts the bytes left in {@code in}. */
  private static long remaining(InputStream in, String source) throws IOException {
    try {
      return in.transferTo(OutputStream.nullOutputStream());
    } catch (EOFException e) {
      throw new DataFormatException(
          source + ": truncated: the gzip stream ends after the data, inside its trailer", e);
    }
  }
}
