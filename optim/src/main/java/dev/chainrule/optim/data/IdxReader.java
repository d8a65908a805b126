package dev.chainrule.optim.data;

import static com.google.common.base.Preconditions.checkNotNull;
import static dev.chainrule.optim.data.IdxFiles.IMAGES;
import static dev.chainrule.optim.data.IdxFiles.LABELS;

import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.optim.data.IdxFiles.Contents;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Locale;

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
   * @param file the file, gzip-compressed or not
   * @param dtype the element type of the result
   * @return [N, rows·columns] pixels scaled to [0, 1]
   * @throws IOException when the file cannot be read
   * @throws DataFormatException when it is not a valid IDX file (a wrong magic number, data
   *     shorter or longer than its header declares, corrupt gzip), naming the file and the fault
   */
  public static Tensor readImages(Path file, DType dtype) throws IOException {
    return images(IdxFiles.read(file, IMAGES), 255, dtype);
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
    return images(IdxFiles.read(in, source, IMAGES), 255, DType.FLOAT64);
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
    return images(IdxFiles.read(file, IMAGES), 1, DType.FLOAT64);
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
    return images(IdxFiles.read(in, source, IMAGES), 1, DType.FLOAT64);
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
    return labels(IdxFiles.read(file, LABELS), DType.FLOAT64);
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
    return labels(IdxFiles.read(in, source, LABELS), DType.FLOAT64);
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
   * @param images the images file (idx3), gzip-compressed or not
   * @param labels the labels file (idx1), gzip-compressed or not
   * @param dtype the element type of the result
   * @return the images as [N, rows·columns] features in [0, 1], held as bytes, and the labels
   * @throws IOException when the file cannot be read
   * @throws DataFormatException when it is not a valid IDX file (a wrong magic number, data
   *     shorter or longer than its header declares, corrupt gzip), naming the file and the fault
   */
  public static Dataset readDataset(Path images, Path labels, DType dtype) throws IOException {
    checkNotNull(dtype, "IdxReader: dtype is null");
    Contents pixels = IdxFiles.read(images, IMAGES);
    Contents classes = IdxFiles.read(labels, LABELS);
    if (pixels.dims()[0] != classes.dims()[0]) {
      throw new DataFormatException(String.format(Locale.ROOT,
          "%s has %d images but %s has %d labels",
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
    int[] dims = IdxFiles.headerDims(images, IMAGES);
    return new int[] {dims[1], dims[2]};
  }

  private static Tensor images(Contents contents, double divisor, DType dtype) {
    int[] dims = contents.dims();
    return Tensors.fromUnsignedBytes(contents.data(), divisor, dtype,
        Shape.of(dims[0], dims[1] * dims[2]));
  }

  private static Tensor labels(Contents contents, DType dtype) {
    return Tensors.fromUnsignedBytes(contents.data(), 1, dtype, Shape.of(contents.dims()[0]));
  }
}
