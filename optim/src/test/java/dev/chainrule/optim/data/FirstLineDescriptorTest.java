package dev.chainrule.optim.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FirstLine closes the file it opens when the file begins with gzip's magic bytes but its gzip
 * header is cut short: the decompressing stream threw before the reader that closes it existed,
 * and each such look at the file left a descriptor open.
 */
class FirstLineDescriptorTest {
  private static final Path OPEN = Path.of("/proc/self/fd");
  private static final int LOOKS = 50;

  @TempDir
  Path dir;

  @Test
  void aCutGzipHeaderLeavesNoDescriptorOpen() throws IOException {
    assumeTrue(Files.isDirectory(OPEN), "/proc/self/fd lists this process's descriptors");
    Path cut = Files.write(dir.resolve("cut.csv.gz"), new byte[] {0x1f, (byte) 0x8b});
    long before = open();
    for (int i = 0; i < LOOKS; i++) {
      assertEquals(Optional.empty(), FirstLine.of(cut, ','), "the cut header explains nothing");
    }
    long leaked = open() - before;
    // Other threads of the test's JVM may open a descriptor or two meanwhile; a leak is one per
    // look, 50.
    assertTrue(leaked < 10, leaked + " descriptors more after " + LOOKS + " looks at " + cut);
  }

  private static long open() throws IOException {
    try (Stream<Path> fds = Files.list(OPEN)) {
      return fds.count();
    }
  }
}
