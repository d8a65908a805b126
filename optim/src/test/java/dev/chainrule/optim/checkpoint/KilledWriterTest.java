package dev.chainrule.optim.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed in the middle of a save (SIGKILL: no finally blocks, no shutdown hooks) leaves
 * the previous checkpoint readable and intact. The writer runs in a second JVM,
 * {@link StallingWriterMain}, which announces when a megabyte of the new file is on disk.
 */
class KilledWriterTest {
  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void killedSaveLeavesThePreviousCheckpointIntact(@TempDir Path folder)
      throws IOException, InterruptedException {
    Path file = folder.resolve("ckpt.safetensors");
    Map<String, Tensor> previous = Map.of("w", Tensors.randn(Shape.of(4, 4), 5L));
    SafeTensors.write(file, previous);

    Process writer = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        StallingWriterMain.class.getName(), file.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
      assertEquals(StallingWriterMain.STALLED, out.readLine(), "the writer did not start saving");

      List<Path> temporary = others(folder, file);
      assertEquals(1, temporary.size(), "the save in progress has its temporary file");
      assertTrue(Files.size(temporary.get(0)) >= 1 << 20, "a megabyte is on disk");

      writer.destroyForcibly();
      assertTrue(writer.waitFor(10, TimeUnit.SECONDS));
    } finally {
      writer.destroyForcibly();
    }

    assertEquals(previous, SafeTensors.read(file).tensors());
    // The stray temporary file is the torn one, and it is never mistaken for a checkpoint.
    Path torn = others(folder, file).get(0);
    assertEquals(CheckpointException.Rule.DATA_END,
        assertThrows(CheckpointException.class, () -> SafeTensors.read(torn)).rule());
  }

  private static List<Path> others(Path folder, Path file) throws IOException {
    try (Stream<Path> list = Files.list(folder)) {
      return list.filter(p -> !p.equals(file)).toList();
    }
  }
}
