package dev.chainrule.optim.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.core.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gzip files are read strictly: java.util.zip's GZIPInputStream ignored any bytes after the gzip
 * data, so an IDX or CSV file with something appended (an error page saved after a download, a
 * damaged tail) read as if whole, where the raw file's extra bytes are an error and Python's gzip
 * refuses them. Several members and zero padding are gzip, and still read.
 */
class StrictGzipTest {
  private static final byte[] IMAGES = bytes(0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 3,
      0, 1, 2, 127, 128, 255, 10, 20, 30, 40, 50, 60);
  private static final Tensor PIXELS = Tensor.matrix(new double[][] {{0, 1, 2, 127, 128, 255},
      {10, 20, 30, 40, 50, 60}});

  @TempDir
  Path dir;

  private static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private Path write(String name, byte[] content) throws IOException {
    return Files.write(dir.resolve(name), content);
  }

  private static String formatError(Path file, boolean csv) {
    return assertThrows(DataFormatException.class, () -> {
      if (csv) {
        CsvReader.builder().build().read(file);
      } else {
        IdxReader.readImageBytes(file);
      }
    }).getMessage();
  }

  @Test
  void bytesAfterTheGzipDataAreAnErrorNamingTheFileAndTheirCount() throws IOException {
    Path garbage = write("images.gz", concat(IdxReaderTest.gzip(IMAGES),
        "<html>404</html>".getBytes(StandardCharsets.US_ASCII)));
    assertEquals("images.gz: corrupt gzip data (16 bytes after the end of the gzip data are not"
        + " gzip data: is the file damaged, or was something appended to it?)",
        formatError(garbage, false));
    Path oneByte = write("one.gz", concat(IdxReaderTest.gzip(IMAGES), bytes(7)));
    assertEquals("one.gz: corrupt gzip data (1 byte after the end of the gzip data is not gzip"
        + " data: is the file damaged, or was something appended to it?)",
        formatError(oneByte, false));
    Path csv = write("iris.csv.gz", concat(IdxReaderTest.gzip(
        "a,b,label\n1,2,x\n3,4,y\n".getBytes(StandardCharsets.UTF_8)), bytes('?', '?')));
    assertEquals("iris.csv.gz: corrupt gzip data (2 bytes after the end of the gzip data are not"
        + " gzip data: is the file damaged, or was something appended to it?)",
        formatError(csv, true));
    // The start of another member's header, and no more: cut short.
    Path cut = write("cut.gz", concat(IdxReaderTest.gzip(IMAGES), bytes(0x1f, 0x8b, 8)));
    assertEquals("cut.gz: corrupt gzip data (the bytes after the end of the gzip data begin"
        + " another member and end in its header: is the file cut short, or was something"
        + " appended to it?)", formatError(cut, false));
    // A byte that starts as gzip's magic number does, then bytes that are no header: appended.
    Path magicOnly = write("magic.gz", concat(IdxReaderTest.gzip(IMAGES),
        bytes(0x1f, 'x', 'y', 'z', 0, 0, 0, 0, 0, 0, 0, 0)));
    assertEquals("magic.gz: corrupt gzip data (the bytes after the end of the gzip data begin"
        + " like another member, but are not one (Not in GZIP format): is the file damaged, or"
        + " was something appended to it?)", formatError(magicOnly, false));
  }

  @Test
  void membersOneAfterAnotherAndZeroPaddingAreGzip() throws IOException {
    byte[] twoMembers = concat(IdxReaderTest.gzip(Arrays.copyOf(IMAGES, 10)),
        IdxReaderTest.gzip(Arrays.copyOfRange(IMAGES, 10, IMAGES.length)));
    assertEquals(PIXELS, IdxReader.readImageBytes(write("two.gz", twoMembers)));
    // Tape-block padding, which gzip and Python's gzip module read past.
    assertEquals(PIXELS, IdxReader.readImageBytes(write("padded.gz",
        concat(IdxReaderTest.gzip(IMAGES), new byte[512]))));
  }

  /**
   * A member with every optional header field (extra, name, comment, header CRC), which
   * GZIPOutputStream never writes, as other tools do; a wrong header CRC is refused, as
   * GZIPInputStream refused it.
   */
  @Test
  void optionalHeaderFieldsAreReadAndTheHeaderCrcChecked() throws IOException {
    ByteArrayOutputStream header = new ByteArrayOutputStream();
    header.writeBytes(bytes(0x1f, 0x8b, 8, 2 | 4 | 8 | 16, 0, 0, 0, 0, 0, 255, 3, 0));
    header.writeBytes("xyz".getBytes(StandardCharsets.US_ASCII));
    header.writeBytes("images.idx\0a comment\0".getBytes(StandardCharsets.US_ASCII));
    CRC32 headerCrc = new CRC32();
    headerCrc.update(header.toByteArray());
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    deflater.setInput(IMAGES);
    deflater.finish();
    byte[] body = new byte[256];
    int length = deflater.deflate(body);
    deflater.end();
    CRC32 dataCrc = new CRC32();
    dataCrc.update(IMAGES);
    long crc = dataCrc.getValue();
    byte[] trailer = bytes((int) crc, (int) (crc >> 8), (int) (crc >> 16), (int) (crc >> 24),
        IMAGES.length, 0, 0, 0);
    int crc16 = (int) headerCrc.getValue() & 0xffff;
    byte[] file = concat(header.toByteArray(), bytes(crc16, crc16 >> 8),
        Arrays.copyOf(body, length), trailer);
    assertEquals(PIXELS, IdxReader.readImageBytes(write("fields.gz", file)));
    byte[] wrongCrc = file.clone();
    wrongCrc[header.size()] ^= 1;
    assertEquals("badheader.gz: corrupt gzip data (Corrupt GZIP header)",
        formatError(write("badheader.gz", wrongCrc), false));
  }

  /** Raw deflate data of {@code data} and the member's trailer (CRC-32, length). */
  private static byte[] bodyAndTrailer(byte[] data) {
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    deflater.setInput(data);
    deflater.finish();
    byte[] body = new byte[data.length + 256];
    int length = deflater.deflate(body);
    deflater.end();
    CRC32 crc = new CRC32();
    crc.update(data);
    long c = crc.getValue();
    return concat(Arrays.copyOf(body, length), bytes((int) c, (int) (c >> 8), (int) (c >> 16),
        (int) (c >> 24), data.length, data.length >> 8, data.length >> 16, data.length >> 24));
  }

  /**
   * An extra field longer than 255 bytes, its length's high byte set, as block-gzip (BGZF)
   * tools write extra fields: read to its end and no further, with no name or comment after it
   * to hide a wrong length (zero bytes inside it end no field).
   */
  @Test
  void aLongExtraFieldIsSkippedByItsTwoByteLength() throws IOException {
    byte[] extra = new byte[262];
    for (int i = 0; i < extra.length; i++) {
      extra[i] = (byte) (i % 5 == 0 ? 0 : i);
    }
    byte[] file = concat(bytes(0x1f, 0x8b, 8, 4, 0, 0, 0, 0, 0, 255, 262 & 0xff, 262 >> 8),
        extra, bodyAndTrailer(IMAGES));
    assertEquals(PIXELS, IdxReader.readImageBytes(write("extra.gz", file)));
  }

  /**
   * The count of bytes after the data takes in the zeros before them and every buffer of them
   * (100,000 bytes, past the 64 KiB buffer), and a stream read a byte at a time gives bytes
   * 0 to 255, then closes what it reads.
   */
  @Test
  void trailingBytesAreCountedWholeAndSingleBytesReadUnsigned() throws IOException {
    assertEquals("zeros.gz: corrupt gzip data (6 bytes after the end of the gzip data are not"
        + " gzip data: is the file damaged, or was something appended to it?)",
        formatError(write("zeros.gz", concat(IdxReaderTest.gzip(IMAGES), bytes(0, 0, 0),
            "abc".getBytes(StandardCharsets.US_ASCII))), false));
    byte[] page = new byte[100_000];
    Arrays.fill(page, (byte) 'x');
    assertEquals("long.gz: corrupt gzip data (100000 bytes after the end of the gzip data are"
        + " not gzip data: is the file damaged, or was something appended to it?)",
        formatError(write("long.gz", concat(IdxReaderTest.gzip(IMAGES), page)), false));
    boolean[] closed = {false};
    java.io.InputStream file = new java.io.ByteArrayInputStream(
        IdxReaderTest.gzip(bytes(0x80, 0xff, 1))) {
      @Override
      public void close() {
        closed[0] = true;
      }
    };
    try (java.io.InputStream in = new StrictGzipStream(file)) {
      assertEquals(0x80, in.read());
      assertEquals(0xff, in.read());
      assertEquals(1, in.read());
      assertEquals(-1, in.read());
    }
    assertEquals(true, closed[0], "the underlying stream closed");
  }

  /**
   * What it decompresses is the data, whatever the sizes, compression levels, member splits and
   * the underlying stream's chunks (a pipe's reads return a few bytes at a time), including
   * members of no data and data larger than its 64 KB buffer.
   */
  @Test
  void itGivesBackTheDataWhateverTheMembersAndChunks() throws IOException {
    java.util.SplittableRandom random = new java.util.SplittableRandom(11);
    for (int trial = 0; trial < 60; trial++) {
      byte[] data = new byte[trial % 10 == 0 ? 0 : random.nextInt(trial < 5 ? 300_000 : 5_000)];
      for (int i = 0; i < data.length; i++) {
        data[i] = (byte) (random.nextInt(4) == 0 ? random.nextInt(256) : i % 7);  // compressible
      }
      ByteArrayOutputStream file = new ByteArrayOutputStream();
      for (int from = 0, members = 0; from < data.length || members == 0; members++) {
        int to = random.nextInt(3) == 0 ? data.length
            : Math.min(data.length, from + random.nextInt(data.length + 1));
        file.writeBytes(IdxReaderTest.gzip(Arrays.copyOfRange(data, from, to)));
        from = to;
      }
      byte[] bytes = file.toByteArray();
      int chunk = 1 + random.nextInt(trial % 3 == 0 ? 3 : 100_000);
      java.io.InputStream trickle = new java.io.ByteArrayInputStream(bytes) {
        @Override
        public synchronized int read(byte[] b, int off, int len) {
          return super.read(b, off, Math.min(len, chunk));
        }
      };
      try (java.io.InputStream in = new StrictGzipStream(trickle)) {
        int t = trial;
        assertArrayEquals(data, in.readAllBytes(), () -> "trial " + t);
        assertEquals(-1, in.read(), "and then its end");
      }
    }
  }

  /** Damaged deflate data fails with zlib's own words for the damage, as GZIPInputStream's do. */
  @Test
  void damagedDataIsNamedInZlibsWords() throws IOException {
    // A gzip header, then a final block of type 3, which deflate does not have.
    byte[] damaged = bytes(0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff, 0x07, 0, 0, 0, 0);
    try (java.io.InputStream in = new StrictGzipStream(
        new java.io.ByteArrayInputStream(damaged))) {
      assertEquals("invalid block type",
          assertThrows(java.util.zip.ZipException.class, in::read).getMessage());
    }
  }
}
