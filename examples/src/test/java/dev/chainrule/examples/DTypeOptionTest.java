package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.DType;
import dev.chainrule.optim.checkpoint.SafeTensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --dtype}: every training command trains in float32 or float64, and says which. */
class DTypeOptionTest {
  @TempDir
  Path dir;

  @Test
  void digitsTrainInFloat32AndSaveFloat32Tensors() throws IOException {
    Path saved = dir.resolve("digits32.safetensors");
    // Without --json, whose line would be all the command prints.
    Cli.Result r = Cli.run("digits", "--dtype", "float32", "--epochs", "5",
        "--out", dir.resolve("out").toString(), "--save", saved.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("relu, float32)"), r.out());
    // Five epochs of the default network reach about 0.95 in either type; 0.9 leaves room.
    assertTrue(r.testAccuracy() > 0.9, r.out());
    SafeTensors.read(saved).tensors().forEach((name, tensor) -> {
      if (!name.startsWith("optimizer.")) {
        assertEquals(DType.FLOAT32, tensor.dtype(), name);
      }
    });
    Cli.Result loaded = Cli.run("digits", "--load", saved.toString(), "--epochs", "0",
        "--out", dir.resolve("out2").toString());
    assertEquals(0, loaded.exitCode(), loaded.err());
    assertTrue(loaded.out().contains("float32"), "the loaded model keeps the file's type");
    Cli.Result contradicted = Cli.run("digits", "--load", saved.toString(), "--dtype", "float64",
        "--epochs", "0", "--out", dir.resolve("out3").toString());
    assertEquals(2, contradicted.exitCode(), contradicted.out());
    assertTrue(contradicted.err().contains("--dtype float64 contradicts digits32.safetensors"),
        contradicted.err());
  }

  @Test
  void fashionMnistDefaultsToFloat32AndTheOthersToFloat64() {
    assertTrue(Cli.run("fashion-mnist", "--help").out().contains("(default: float32)"));
    assertTrue(Cli.run("iris", "--help").out().contains("(default: float64)"));
  }

  @Test
  void anUnknownTypeIsAUsageError() throws IOException {
    Cli.Result r = Cli.run("iris", "--dtype", "half", "--out", dir.toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("dtype: unknown type 'half' (expected float32 or float64)"),
        r.err());
    assertTrue(Files.notExists(dir.resolve("iris")), "nothing ran");
  }
}
