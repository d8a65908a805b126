package dev.chainrule.optim.data;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
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
import java.util.zip.ZipException;

/**
 * Reads the IDX files of MNIST and Fashion-MNIST: a big-endian header, a magic number ({@code
 * 0x00000803} for images: unsigned bytes in 3 dimensions, count × rows × columns; {@code
 * 0x00000801} for labels: unsigned bytes in 1 dimension), the dimensions as 32-bit integers, then
 * one unsigned byte per element. Files may be gzip-compressed, recognised by their first bytes
 * ({@code 1f 8b}), not by their names.
 *
 * <p>Reading is strict, because a damaged download should fail loudly rather than train on
 * garbage: the magic number, positive dimensions whose product fits an array, and the exact
 * length are checked, and a truncated file or one with bytes after the data throws {@link
 * DataFormatException} saying how many bytes were expected and found. The header's sizes are never
 * trusted for allocation: data is read in growing chunks, so a corrupt header that claims
 * gigabytes fails as truncated after reading only what the file really holds.
 *
 * <p>Images become a {@code [count, rows · columns]} tensor, one flattened image (row-major) per
 * row, scaled to [0, 1] by {@link #readImages} or kept as 0..255 by {@link #readImageBytes};
 * labels become a {@code [count]} tensor of class indices.
 */
public final class IdxReader {
  private static final Kind IMAGES = new Kind("images", 0x00000803, 3);
  private static final Kind LABELS = new Kind("labels", 0x00000801, 1);
  private static final int FIRST_CHUNK = 1 << 20;

  private IdxReader() {}

  /**
   * Images as float64 {@code [count, rows · columns]} with pixels scaled to [0, 1] (byte / 255).
   *
   * @param file the file, gzip-compressed or not
   * @return [N, rows·columns] pixels scaled to [0, 1]
   * @throws IOException when the file cannot be read
   * @throws DataFormatException when it is not a valid IDX file (a wrong magic number, data
   *     shorter or longer than its header declares, corrupt gzip), naming the file and the fault
   */
  public static Tensor readImages(Path file) throws IOException {
    return readImages(file, DType.FLOAT64);
  }

  /**
   * Images with pixels scaled to [0, 1], in the given type.
   *
   * @param dtype the element type of the result
   * @param file the file, gzip-compressed or not
   * @return [N, rows·columns] pixels scaled to [0, 1]
   * @throws IOException when the file cannot be read
   * @throws DataFormatException when it is not a valid IDX file (a wrong magic number, data
   *     shorter or longer than its header declares, corrupt gzip), naming the file and the fault
   */
  public static Tensor readImages(Path file, DType dtype) throws IOException {
    return images(read(file, IMAGES), 255, dtype);
  }

  /**
   * As {@link #readImages(Path)}, from a stream (left open) named {@code source} in messages.
   *
   * @param in the stream, gzip-compressed or not
   * @param source the name errors give for the stream
   * @return [N, rows·columns] pixels scaled to [0, 1]
   * @throws IOException when the file cannot be read
   * @throws DataFormatException when it is not a valid IDX file (a wrong magic number, data
   *     shorter or longer than its header declares, corrupt gzip), naming the file and the fault
   */
  public static Tensor readImages(InputStream in, String source) throws IOException {
    return images(read(in, source, IMAGES), 255, DType.FLOAT64);
  }

  /**
   * Images as {@code [count, rows · columns]} with the pixel bytes as read, 0 to 255.
   *
   * @param file the file, gzip-compressed or not
   * @return [N, rows · columns] raw bytes 0..255, one row per image
   * @throws IOException when the file cannot be read
   * @throws DataFormatException when it is not a valid IDX file (a wrong magic number, data
   *     shorter or longer than its header declares, corrupt gzip), naming the file and the fault
   */
  public static Tensor readImageBytes(Path file) throws IOException {
    return images(read(file, IMAGES), 1, DType.FLOAT64);
  }

  /**
   * As {@link #readImageBytes(Path)}, from a stream (left open) named {@code source}.
   *
   * @param in the stream, gzip-compressed or not
   * @param source the name errors give for the stream
   * @return [N, rows · columns] raw bytes 0..255, one row per image
   * @throws IOException when the file cannot be read
   * @throws DataFormatException when it is not a valid IDX file (a wrong magic number, data
   *     shorter or longer than its header declares, corrupt gzip), naming the file and the fault
   */
  public static Tensor readImageBytes(InputStream in, String source) throws IOException {
    return images(read(in, source, IMAGES), 1, DType.FLOAT64);
  }

  /**
   * Labels as a float64 {@code [count]} tensor of class indices 0 to 255.
   *
   * @param file the file, gzip-compressed or not
   * @return [N] labels
   * @throws IOException when the file cannot be read
   * @throws DataFormatException when it is not a valid IDX file (a wrong magic number, data
   *     shorter or longer than its header declares, corrupt gzip), naming the file and the fault
   */
  public static Tensor readLabels(Path file) throws IOException {
    return labels(read(file, LABELS), DType.FLOAT64);
  }

  /**
   * As {@link #readLabels(Path)}, from a stream (left open) named {@code source} in messages.
   *
   * @param in the stream, gzip-compressed or not
   * @param source the name errors give for the stream
   * @return [N] labels
   * @throws IOException when the file cannot be read
   * @throws DataFormatException when it is not a valid IDX file (a wrong magic number, data
   *     shorter or longer than its header declares, corrupt gzip), naming the file and the fault
   */
  public static Tensor readLabels(InputStream in, String source) throws IOException {
    return labels(read(in, source, LABELS), DType.FLOAT64);
  }

  /**
   * An images file and its labels file as one float64 dataset: features scaled to [0, 1], labels
   * as class indices. The two files must hold the same number of items.
   *
   * @param images the images file (idx3), gzip-compressed or not
   * @param labels the labels file (idx1), gzip-compressed or not
   * @return the images as [N, rows·columns] features in [0, 1] and the labels
   * @throws IOException when the file cannot be read
   * @throws DataFormatException when it is not a valid IDX file (a wrong magic number, data
   *     shorter or longer than its header declares, corrupt gzip), naming the file and the fault
   */
  public static Dataset readDataset(Path images, Path labels) throws IOException {
    return readDataset(images, labels, DType.FLOAT64);
  }

  /**
   * As {@link #readDataset(Path, Path)}, in the given type. The pixels stay the file's bytes
   * ({@link Dataset#ofUnsignedBytes}, divided by 255) and become {@code dtype} a batch at a time:
   * 60,000 images take 47 MB, where float32 features would take 188 MB and float64 376 MB.
   *
   * @param dtype the element type of the result
   * @param images the images file (idx3), gzip-compressed or not
   * @param labels the labels file (idx1), gzip-compressed or not
   * @return the images as [N, rows·columns] features in [0, 1], held as bytes, and the labels
   * @throws IOException when the file cannot be read
   * @throws DataFormatException when it is not a valid IDX file (a wrong magic number, data
   *     shorter or longer than its header declares, corrupt gzip), naming the file and the fault
   */
  public static Dataset readDataset(Path images, Path labels, DType dtype) throws IOException {
    checkNotNull(dtype, "IdxReader: dtype is null");
    Contents pixels = read(images, IMAGES);
    Contents classes = read(labels, LABELS);
    if (pixels.dims()[0] != classes.dims()[0]) {
      throw new DataFormatException(String.format("%s has %d images but %s has %d labels",
          pixels.source(), pixels.dims()[0], classes.source(), classes.dims()[0]));
    }
    int[] dims = pixels.dims();
    return Dataset.ownedUnsignedBytes(pixels.data(), dims[1] * dims[2], 255, dtype,
        labels(classes, dtype));
  }

  /**
   * The rows and columns of an images file's images, from its header alone: the tensors and
   * datasets this class reads keep their product, the pixels of a row, and images of 28 × 28 and
   * of 14 × 56 both have 784.
   *
   * @param images the images file (idx3), gzip-compressed or not
   * @return {@code {rows, columns}}
   * @throws IOException when the file cannot be read
   * @throws DataFormatException when its header is not that of IDX images (a wrong magic number,
   *     a truncated header, a dimension that is not positive, corrupt gzip)
   */
  public static int[] imageSize(Path images) throws IOException {
    return open(images, IMAGES, (in, source) -> gzipChecked(source, () -> {
      int[] dims = header(Compression.decompressed(in), source, IMAGES);
      return new int[] {dims[1], dims[2]};
    }));
  }

  /** What a file of one kind must start with: its magic number and how many dimensions follow. */
  private record Kind(String name, int magic, int rank) {
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
  private record Contents(String source, int[] dims, byte[] data) {}

  private static Tensor images(Contents contents, double divisor, DType dtype) {
    int[] dims = contents.dims();
    return Tensors.fromUnsignedBytes(contents.data(), divisor, dtype,
        Shape.of(dims[0], dims[1] * dims[2]));
  }

  private static Tensor labels(Contents contents, DType dtype) {
    return Tensors.fromUnsignedBytes(contents.data(), 1, dtype, Shape.of(contents.dims()[0]));
  }

  private static Contents read(Path file, Kind kind) throws IOException {
    return open(file, kind, (in, source) -> read(in, source, kind));
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

  private static Contents read(InputStream raw, String source, Kind kind) throws IOException {
    checkNotNull(raw, "IdxReader: input stream is null");
    checkNotNull(source, "IdxReader: source name is null");
    return gzipChecked(source, () -> {
      InputStream in = Compression.decompressed(raw);
      int[] dims = header(in, source, kind);
      long expected = 1;
      for (int d : dims) {
        expected *= d;  // each factor is below 2^31 and the product is checked at every step
        if (expected > Tensors.LONGEST_ARRAY) {
          throw new DataFormatException(String.format(
              "%s: the header declares %s, more bytes than an array can hold", source,
              kind.describe(dims)));
        }
      }
      byte[] data = readUpTo(in, (int) expected);
      if (data.length < expected) {
        throw new DataFormatException(String.format(
            "%s: truncated: expected %d bytes of data (%s) after the %d-byte header, found %d",
            source, expected, kind.describe(dims), kind.headerBytes(), data.length));
      }
      long extra = remaining(in, source);
      if (extra > 0) {
        throw new DataFormatException(String.format(
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
      throw new DataFormatException(String.format(
          "%s: magic number 0x%08x is not 0x%08x, that of IDX %s (%s)%s", source, magic,
          kind.magic(), kind.name(), kind.layout(),
          magic == other.magic() ? "; it is that of IDX " + other.name() : ""));
    }
    if (header.length < kind.headerBytes()) {
      throw new DataFormatException(String.format(
          "%s: truncated: the header of IDX %s has %d bytes, found %d", source, kind.name(),
          kind.headerBytes(), header.length));
    }
    int[] dims = new int[kind.rank()];
    Arrays.setAll(dims, i -> fields.getInt(4 * (i + 1)));
    if (Arrays.stream(dims).anyMatch(d -> d <= 0)) {
      throw new DataFormatException(String.format(
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
