package dev.chainrule.optim.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipException;

/**
 * Transparent gzip: recognised by its magic bytes, never by a file name that may lie. The data
 * readers open every file through it, and so does a program that reads a line of a data file
 * itself, so that what counts as gzip is decided in one place.
 */
public final class Compression {
  private static final int BUFFER = 1 << 16;

  private Compression() {}

  /**
   * {@code in}, decompressed if it starts with the gzip magic bytes {@code 1f 8b}, strictly: bytes
   * after the gzip data are an error ({@link StrictGzipStream}).
   *
   * @param in the stream, closed with the one returned
   * @return {@code in} buffered, decompressed when it is gzip
   * @throws IOException when the first bytes cannot be read
   */
  public static InputStream decompressed(InputStream in) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(in, BUFFER);
    buffered.mark(2);
    int first = buffered.read();
    int second = buffered.read();
    buffered.reset();
    return first == 0x1f && second == 0x8b ? new StrictGzipStream(buffered) : buffered;
  }

  /** Reads text, such as a CSV file's, to the end. */
  interface TextReading<T> {
    T read(Reader text) throws IOException;
  }

  /**
   * {@code reading} applied to {@code in} as UTF-8 text, decompressed if gzip. The gzip stream's
   * failures surface while the text is read, so they are caught around the whole reading and
   * become {@link DataFormatException}s naming {@code source}.
   */
  static <T> T readText(InputStream in, String source, TextReading<T> reading)
      throws IOException {
    try {
      return reading.read(new InputStreamReader(decompressed(in), StandardCharsets.UTF_8));
    } catch (ZipException e) {
      throw new DataFormatException(source + ": corrupt gzip data (" + e.getMessage() + ")", e);
    } catch (EOFException e) {
      // Only the gzip stream signals its end this way; plain text just ends.
      throw new DataFormatException(source + ": truncated: the gzip stream ends early ("
          + e.getMessage() + ")", e);
    }
  }
}
