package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code examples/pytorch/safetensors_io.py}, the README's reader for a PyTorch without the
 * safetensors package, refuses the files the reference reader (and chainrule's) refuses: it read
 * byte ranges as given, so a negative offset took the header's bytes as a tensor's values, a
 * second entry of one name replaced the first, and overlapping, missing or appended bytes went
 * unnoticed. Skipped, saying so, where Python cannot import torch.
 */
class PyTorchReaderChecksTest {
  private static final String PYTHON =
      Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";

  @TempDir
  Path dir;

  /** A safetensors file of this header text and these data bytes. */
  private Path file(String name, String header, int dataBytes) throws IOException {
    byte[] text = header.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
        .putLong(text.length).array());
    bytes.writeBytes(text);
    bytes.writeBytes(new byte[dataBytes]);
    return Files.write(dir.resolve(name), bytes.toByteArray());
  }

  /** What loading the file prints: "ok" and the tensors' shapes, or the error's message. */
  private String load(Path file) throws IOException, InterruptedException {
    Path helpers = Path.of("pytorch").toAbsolutePath();
    List<String> command = new ArrayList<>(List.of(PYTHON, "-c", "import sys\n"
        + "sys.path.insert(0, sys.argv[1])\n"
        + "from safetensors_io import load_file\n"
        + "try:\n"
        + "    t = load_file(sys.argv[2])\n"
        + "    print('ok', {k: list(v.shape) for k, v in t.items()})\n"
        + "except ValueError as e:\n"
        + "    print(e)\n", helpers.toString(), file.toString()));
    Process process = new ProcessBuilder(command).directory(dir.toFile())
        .redirectErrorStream(true).start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "python timed out");
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
  }

  private static String entry(String name, String shape, int begin, int end) {
    return String.format(Locale.ROOT,
        "\"%s\":{\"dtype\":\"F64\",\"shape\":%s,\"data_offsets\":[%d,%d]}",
        name, shape, begin, end);
  }

  @Test
  void malformedFilesAreRefusedNamingTheFileAndTheTensor() throws Exception {
    Process probe;
    try {
      probe = new ProcessBuilder(PYTHON, "-c", "import torch").start();
    } catch (IOException noPython) {
      assumeTrue(false, "no " + PYTHON + ": " + noPython.getMessage());
      return;
    }
    assumeTrue(probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0,
        "no PyTorch here (" + PYTHON + " cannot import torch)");
    Path good = file("good.safetensors", "{" + entry("a", "[2]", 0, 16) + ","
        + entry("b", "[1]", 16, 24) + "}", 24);
    assertEquals("ok {'a': [2], 'b': [1]}", load(good));
    Path negative = file("negative.safetensors", "{" + entry("a", "[1]", -8, 0) + "}", 8);
    assertEquals(negative + ": tensor 'a' has data_offsets [-8, 0], not [begin, end] with 0 <="
        + " begin <= end", load(negative));
    Path twice = file("twice.safetensors", "{" + entry("a", "[1]", 0, 8) + ","
        + entry("a", "[1]", 8, 16) + "}", 16);
    assertEquals(twice + ": the header names 'a' twice", load(twice));
    Path overlap = file("overlap.safetensors", "{" + entry("a", "[2]", 0, 16) + ","
        + entry("b", "[1]", 8, 16) + "}", 16);
    assertEquals(overlap + ": tensor 'b' begins at byte 8 of the data, where the tensors before"
        + " it end at 16 (a gap or an overlap)", load(overlap));
    Path appended = file("appended.safetensors", "{" + entry("a", "[2]", 0, 16) + "}", 24);
    assertEquals(appended + ": the tensors take 16 bytes, the file has 24 after the header",
        load(appended));
    Path inferred = file("inferred.safetensors", "{" + entry("a", "[-1]", 0, 16) + "}", 16);
    assertEquals(inferred + ": tensor 'a' has shape [-1], not sizes >= 0", load(inferred));
    Path mismatch = file("mismatch.safetensors", "{" + entry("a", "[3]", 0, 16) + "}", 16);
    assertEquals(mismatch + ": tensor 'a': shape [3] of F64 needs 24 bytes, data_offsets [0, 16]"
        + " hold 16", load(mismatch));
  }
}
