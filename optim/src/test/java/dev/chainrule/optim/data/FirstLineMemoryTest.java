package dev.chainrule.optim.data;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FirstLine#of} reads a binary file with no line break as the reader does, a bounded
 * prefix of it: {@code BufferedReader.readLine} read {@code /dev/zero} until Java ran out of
 * memory, and {@code train} then said the model was too large.
 */
class FirstLineMemoryTest {
  @TempDir
  Path dir;

  @Test
  void aBinaryFileWithNoLineBreakIsReadAsAShortPrefix() throws IOException {
    // 64 MiB of zero bytes: readLine built a line of 64 Mi chars (128 MiB, more while growing).
    Path zeros = dir.resolve("zeros.csv");
    byte[] block = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(zeros)) {
      for (int i = 0; i < 64; i++) {
        out.write(block);
      }
    }
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    FirstLine.of(zeros, ',');
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    // Bound: two lines cut at 64 Ki + 4 Ki chars each, with their builders and the decoder's
    // buffers, stay well under 16 MiB; reading the whole file allocates over 128 MiB.
    assertTrue(allocated < 16 << 20, "allocated " + allocated + " bytes");
  }
}
