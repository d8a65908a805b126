package dev.chainrule.optim.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads and writes on an interrupted thread fail as an interruption, not as a broken disk: a
 * file channel closes itself when its thread is interrupted and throws an exception without a
 * message, which read as "input/output failure" while the file was fine.
 */
class InterruptedIoTest {
  private static final Map<String, Tensor> A = Map.of("w", Tensors.randn(Shape.of(8, 8), 1L));
  private static final Map<String, Tensor> B = Map.of("w", Tensors.randn(Shape.of(50_000), 2L));

  @TempDir Path folder;

  @AfterEach
  void clearInterruptStatus() {
    // The test thread is JUnit's: a status left set would fail the next test's I/O.
    Thread.interrupted();
  }

  private static Sequential model(long seed) {
    return Sequential.of(Dense.of(4, 8, seed), Activation.relu(), Dense.of(8, 3, seed));
  }

  private List<Path> files() throws IOException {
    try (Stream<Path> list = Files.list(folder)) {
      return list.toList();
    }
  }

  @Test
  void aSaveOnAnInterruptedThreadNamesTheInterruptionAndKeepsThePreviousFile()
      throws IOException {
    Path file = folder.resolve("m.safetensors");
    SafeTensors.write(file, A);
    Thread.currentThread().interrupt();
    CheckpointException e = assertThrows(CheckpointException.class,
        () -> SafeTensors.write(file, B));
    assertTrue(Thread.currentThread().isInterrupted(), "the interrupt status stays set");
    assertEquals(CheckpointException.Rule.IO_ERROR, e.rule());
    assertEquals(file + ": I/O error: writing failed, any previous file is intact: "
        + IoFailures.INTERRUPTED, e.getMessage());
    assertTrue(e.getCause() instanceof ClosedByInterruptException, String.valueOf(e.getCause()));
    Thread.interrupted();
    assertEquals(A, SafeTensors.read(file).tensors(), "the previous file is intact");
    assertEquals(List.of(file), files(), "the temporary file is deleted");
  }

  @Test
  void aLoadOnAnInterruptedThreadNamesTheInterruptionAndTheFileLoadsOnceCleared() {
    Path file = folder.resolve("m.safetensors");
    Sequential saved = model(1);
    ModelCheckpoint.save(file, saved);
    Sequential loaded = model(2);
    Thread.currentThread().interrupt();
    CheckpointException e = assertThrows(CheckpointException.class,
        () -> ModelCheckpoint.load(file, loaded));
    assertTrue(Thread.currentThread().isInterrupted(), "the interrupt status stays set");
    assertEquals(file + ": I/O error: reading failed: " + IoFailures.INTERRUPTED, e.getMessage());
    Thread.interrupted();
    ModelCheckpoint.load(file, loaded);
    assertEquals(saved.stateDict(), loaded.stateDict(), "the file was fine all along");
  }

  @Test
  void anInterruptedStreamThatClearedTheStatusHasItSetAgain() throws IOException {
    Path file = folder.resolve("m.safetensors");
    SafeTensors.write(file, A);
    // A stream's InterruptedIOException, thrown as a legacy stream does, its status cleared.
    CheckpointException e = assertThrows(CheckpointException.class,
        () -> SafeTensors.write(file, B, Map.of(), DType.FLOAT64, out -> new FilterOutputStream(
            out) {
          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            throw new InterruptedIOException();
          }
        }));
    assertTrue(Thread.interrupted(), "the status is set again for the code above to see");
    assertEquals(file + ": I/O error: writing failed, any previous file is intact: "
        + IoFailures.INTERRUPTED, e.getMessage());
    assertEquals(A, SafeTensors.read(file).tensors(), "the previous file is intact");
  }

  @Test
  void otherFailuresWithoutAMessageAreNoInterruption() {
    assertFalse(IoFailures.interrupted(new IOException()));
    assertFalse(IoFailures.interrupted(new java.net.SocketTimeoutException()),
        "a timeout is an InterruptedIOException but no interruption");
    assertEquals("input/output failure", IoFailures.describe(new IOException(), "f"));
    assertFalse(Thread.currentThread().isInterrupted());
  }
}
