package dev.chainrule.optim.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
  private static final int IMAGES = 0x00000803;
  private static final int LABELS = 0x00000801;
  /** Two 2×3 images. */
  private static final byte[] PIXELS = {0, 1, 2, (byte) 127, (byte) 128, (byte) 255,
      10, 20, 30, 40, 50, 60};

  @TempDir
  Path dir;

  /** An IDX file: the magic number, the dimensions (big-endian), then the bytes. */
  static byte[] idx(int magic, int[] dims, byte[] data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(magic);
    for (int d : dims) {
      out.writeInt(d);
    }
    out.write(data);
    return bytes.toByteArray();
  }

  static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(data);
    }
    return bytes.toByteArray();
  }

  private Path write(String name, byte[] content) throws IOException {
    return Files.write(dir.resolve(name), content);
  }

  private static void assertFormatError(String expected, Executable call) {
    assertEquals(expected, assertThrows(DataFormatException.class, call).getMessage());
  }

  @Test
  void rawAndGzipImagesReadTheSameWhateverTheirNames() throws IOException {
    byte[] file = idx(IMAGES, new int[] {2, 2, 3}, PIXELS);
    // Compression is recognised by content: the gzip file is named like a raw one and vice versa.
    Path raw = write("images.gz", file);
    Path gzipped = write("images.idx", gzip(file));
    double[] bytes = new double[PIXELS.length];
    Arrays.setAll(bytes, i -> PIXELS[i] & 0xFF);
    Tensor expected = Tensor.of(bytes, 2, 6);
    assertEquals(expected, IdxReader.readImageBytes(raw));
    assertEquals(expected, IdxReader.readImageBytes(gzipped));
    // Scaling divides by 255 exactly as the expected values do, so equality is exact.
    assertEquals(expected.div(255), IdxReader.readImages(raw));
    assertEquals(expected.div(255), IdxReader.readImages(gzipped));
    Tensor scaled = IdxReader.readImages(new ByteArrayInputStream(file), "stream");
    assertEquals(0.0, scaled.min().item());
    assertEquals(1.0, scaled.max().item());
  }

  /** Float32 images are the bytes over 255 rounded once, made without a float64 array. */
  @Test
  void imagesAndDatasetsReadIntoTheRequestedType() throws IOException {
    Path images = write("images.idx", idx(IMAGES, new int[] {2, 2, 3}, PIXELS));
    float[] expected = new float[PIXELS.length];
    for (int i = 0; i < expected.length; i++) {
      expected[i] = (float) ((PIXELS[i] & 0xFF) / 255.0);
    }
    Tensor float32 = IdxReader.readImages(images, DType.FLOAT32);
    assertEquals(Tensor.of(expected, 2, 6), float32);
    assertEquals(IdxReader.readImages(images), IdxReader.readImages(images, DType.FLOAT64));
    Path labels = write("labels.idx", idx(LABELS, new int[] {2}, new byte[] {3, 7}));
    Dataset data = IdxReader.readDataset(images, labels, DType.FLOAT32);
    assertEquals(DType.FLOAT32, data.features().dtype());
    assertEquals(float32, data.features());
  }

  @Test
  void labelsAndDatasets() throws IOException {
    Path labels = write("labels.idx", gzip(idx(LABELS, new int[] {2}, new byte[] {9, 0})));
    assertEquals(Tensor.vector(9, 0), IdxReader.readLabels(labels));
    Path images = write("images.idx", idx(IMAGES, new int[] {2, 2, 3}, PIXELS));
    Dataset data = IdxReader.readDataset(images, labels);
    assertEquals(2, data.size());
    assertEquals(6, data.featureCount());
    assertEquals(Tensor.vector(9, 0), data.labels());
    Path three = write("three.idx", idx(LABELS, new int[] {3}, new byte[] {1, 2, 3}));
    assertFormatError("images.idx has 2 images but three.idx has 3 labels",
        () -> IdxReader.readDataset(images, three));
  }

  @Test
  void truncatedFilesSayHowMuchIsMissing() throws IOException {
    byte[] shortData = idx(IMAGES, new int[] {2, 2, 3}, Arrays.copyOf(PIXELS, 10));
    assertFormatError("short.idx: truncated: expected 12 bytes of data (2 images of 2 × 3) after"
        + " the 16-byte header, found 10", () -> IdxReader.readImages(write("short.idx",
            shortData)));
    assertFormatError("short.gz: truncated: expected 12 bytes of data (2 images of 2 × 3) after"
        + " the 16-byte header, found 10", () -> IdxReader.readImages(write("short.gz",
            gzip(shortData))));
    assertFormatError("head.idx: truncated: the header of IDX images has 16 bytes, found 9",
        () -> IdxReader.readImages(write("head.idx", Arrays.copyOf(shortData, 9))));
    assertFormatError("labels.idx: truncated: expected 5 bytes of data (5 labels) after the"
        + " 8-byte header, found 2", () -> IdxReader.readLabels(write("labels.idx",
            idx(LABELS, new int[] {5}, new byte[] {1, 2}))));
    assertFormatError("empty.idx: truncated: the header of IDX labels has 8 bytes, found 0",
        () -> IdxReader.readLabels(write("empty.idx", new byte[0])));
  }

  @Test
  void aGzipStreamCutShortIsTruncated() throws IOException {
    byte[] noise = new byte[4096];
    new SplittableRandom(1).nextBytes(noise);  // incompressible, so the cut falls inside the data
    byte[] whole = gzip(idx(IMAGES, new int[] {4, 32, 32}, noise));
    Path cut = write("cut.gz", Arrays.copyOf(whole, whole.length / 2));
    String message = assertThrows(DataFormatException.class, () -> IdxReader.readImages(cut))
        .getMessage();
    assertTrue(message.matches("cut\\.gz: truncated: expected 4096 bytes of data \\(4 images of"
        + " 32 × 32\\) after the 16-byte header, found \\d+"), message);
    // The last 8 bytes of a gzip stream are its trailer: the CRC-32 and the length of the data.
    Path noTrailer = write("notrailer.gz", Arrays.copyOf(whole, whole.length - 4));
    assertFormatError("notrailer.gz: truncated: the gzip stream ends after the data, inside its"
        + " trailer", () -> IdxReader.readImages(noTrailer));
    byte[] badCrc = whole.clone();
    badCrc[badCrc.length - 8] ^= 1;
    assertFormatError("badcrc.gz: corrupt gzip data (Corrupt GZIP trailer)",
        () -> IdxReader.readImages(write("badcrc.gz", badCrc)));
    assertFormatError("header.gz: truncated: the gzip stream ends in its header",
        () -> IdxReader.readImages(write("header.gz", Arrays.copyOf(whole, 5))));
  }

  /**
   * Files past the first 1 MiB chunk, read into chunks that grow: 2,500,000 labels come back
   * whole, the bytes after them are counted (none read into a chunk larger than the data), and
   * a file cut short in its second chunk says how much it holds.
   */
  @Test
  void dataBeyondTheFirstChunkIsReadWholeAndChecked() throws IOException {
    int n = 2_500_000;
    byte[] labels = new byte[n];
    double[] expected = new double[n];
    for (int i = 0; i < n; i++) {
      labels[i] = (byte) (i % 251);
      expected[i] = i % 251;
    }
    byte[] file = idx(LABELS, new int[] {n}, labels);
    // Whole numbers below 256: exact as doubles, so compared exactly.
    assertArrayEquals(expected, IdxReader.readLabels(write("big.idx", file)).toArray());
    assertFormatError("longer.idx: 7 unexpected bytes after the 2500000 bytes of data (2500000"
        + " labels) the header declares", () -> IdxReader.readLabels(write("longer.idx",
            Arrays.copyOf(file, file.length + 7))));
    assertFormatError("cut.idx: truncated: expected 2500000 bytes of data (2500000 labels) after"
        + " the 8-byte header, found 1500000", () -> IdxReader.readLabels(write("cut.idx",
            Arrays.copyOf(file, 8 + 1_500_000))));
  }

  @Test
  void extraBytesAreAnError() throws IOException {
    byte[] longer = idx(IMAGES, new int[] {2, 2, 3}, Arrays.copyOf(PIXELS, 15));
    assertFormatError("long.idx: 3 unexpected bytes after the 12 bytes of data (2 images of"
        + " 2 × 3) the header declares", () -> IdxReader.readImages(write("long.idx", longer)));
  }

  @Test
  void headersAreValidated() throws IOException {
    Path labels = write("labels.idx", idx(LABELS, new int[] {2}, new byte[] {1, 2}));
    assertFormatError("labels.idx: magic number 0x00000801 is not 0x00000803, that of IDX images"
        + " (unsigned bytes, 3 dimensions); it is that of IDX labels",
        () -> IdxReader.readImages(labels));
    Path text = write("text.idx", "hello, world".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertFormatError("text.idx: magic number 0x68656c6c is not 0x00000801, that of IDX labels"
        + " (unsigned bytes, 1 dimension)", () -> IdxReader.readLabels(text));
    Path zero = write("zero.idx", idx(IMAGES, new int[] {2, 0, 3}, new byte[0]));
    assertFormatError("zero.idx: the header declares 2 images of 0 × 3; every dimension must be"
        + " positive", () -> IdxReader.readImages(zero));
    Path huge = write("huge.idx", idx(IMAGES, new int[] {100_000, 100_000, 100_000}, PIXELS));
    assertFormatError("huge.idx: the header declares 100000 images of 100000 × 100000, more bytes"
        + " than an array can hold", () -> IdxReader.readImages(huge));
  }

  /** A dataset keeps rows × columns only; the header still tells 2×3 from 3×2 or 1×6. */
  @Test
  void theImageSizeComesFromTheHeader() throws IOException {
    assertArrayEquals(new int[] {2, 3},
        IdxReader.imageSize(write("images.idx", gzip(idx(IMAGES, new int[] {2, 2, 3}, PIXELS)))));
    assertArrayEquals(new int[] {1, 6},
        IdxReader.imageSize(write("row.idx", idx(IMAGES, new int[] {2, 1, 6}, PIXELS))));
    Path labels = write("labels.idx", idx(LABELS, new int[] {2}, new byte[] {1, 2}));
    assertFormatError("labels.idx: magic number 0x00000801 is not 0x00000803, that of IDX images"
        + " (unsigned bytes, 3 dimensions); it is that of IDX labels",
        () -> IdxReader.imageSize(labels));
  }

  @Test
  void aHeaderClaimingFarMoreThanTheFileHoldsFailsWithoutAllocatingIt() throws IOException {
    // 2,000,000 images of 28 × 28 would be 1.5 GB: reading grows with the data actually there.
    Path liar = write("liar.idx", idx(IMAGES, new int[] {2_000_000, 28, 28}, PIXELS));
    assertFormatError("liar.idx: truncated: expected 1568000000 bytes of data (2000000 images of"
        + " 28 × 28) after the 16-byte header, found 12", () -> IdxReader.readImages(liar));
  }

  @Test
  void realFashionMnistWhenInstalled() throws IOException {
    Path root = Path.of("/usr/share/datasets/fashion-mnist");
    Path images = root.resolve("t10k-images-idx3-ubyte.gz");
    Path labels = root.resolve("t10k-labels-idx1-ubyte.gz");
    assumeTrue(Files.isReadable(images) && Files.isReadable(labels),
        "Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist)");
    Dataset test = IdxReader.readDataset(images, labels);
    assertEquals(10_000, test.size());
    assertEquals(784, test.featureCount());
    assertEquals(10, test.classCount());
    // The test set is balanced: 1,000 images of each of the ten classes.
    assertEquals(Tensor.vector(1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000),
        test.oneHotLabels(10).sum(0, false));
  }
}
