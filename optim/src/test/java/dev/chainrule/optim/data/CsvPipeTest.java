package dev.chainrule.optim.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chainrule.core.Tensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CSV file that is a pipe ({@code /dev/stdin}, a FIFO, a shell's {@code <(...)}) is read as a
 * stream. Through Files.newInputStream it failed with "Illegal seek": its channel stream asks the
 * file for its size when the decoder checks what is available.
 */
class CsvPipeTest {
  @TempDir
  Path dir;

  @Test
  void aFifoIsReadToTheEnd() throws Exception {
    Path fifo = dir.resolve("rows.csv");
    assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0,
        "mkfifo is available");
    // The writer blocks until the reader opens the FIFO; it runs beside the read.
    CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
      try {
        Files.writeString(fifo, "x,y\n1,a\n2,b\n3,a\n", StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    CsvData data = CsvReader.builder().build().read(fifo);
    writer.get();
    assertEquals(Tensor.matrix(new double[][] {{1}, {2}, {3}}), data.dataset().features());
    assertEquals(List.of("a", "b"), data.classNames());
  }
}
