package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.DType;
import dev.chainrule.core.gemm.GemmBackend;
import dev.chainrule.optim.checkpoint.SafeTensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    // The default, then what --load does: "(default: float32; with --load, the file's model's)".
    assertTrue(Cli.run("fashion-mnist", "--help").out().contains("(default: float32;"));
    assertTrue(Cli.run("iris", "--help").out().contains("(default: float64;"));
  }

  @Test
  void anUnknownTypeIsAUsageError() throws IOException {
    Cli.Result r = Cli.run("iris", "--dtype", "half", "--out", dir.toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("--dtype: unknown type 'half' (expected float32 or float64)"),
        r.err());
    assertTrue(Files.notExists(dir.resolve("iris")), "nothing ran");
  }

  /** A CSV of 40 points on y = 2x + 1, for the train command's regression. */
  private Path line() throws IOException {
    Path csv = dir.resolve("line.csv");
    StringBuilder rows = new StringBuilder("x,y\n");
    for (int i = 0; i < 40; i++) {
      rows.append(i / 10.0).append(',').append(2 * i / 10.0 + 1).append('\n');
    }
    return Files.writeString(csv, rows);
  }

  /**
   * Every other training command runs in float32 and says so in its header, as digits does
   * above; gates's --dtype is its XOR network's (the perceptrons count in whole numbers).
   */
  @Test
  void everyTrainingCommandTrainsInFloat32() throws IOException {
    Path csv = line();
    List<List<String>> runs = List.of(
        List.of("xor", "--epochs", "2"),
        List.of("blobs", "--epochs", "2"),
        List.of("iris", "--epochs", "2"),
        List.of("train", "--csv", csv.toString(), "--label", "y", "--task", "regression",
            "--epochs", "2"),
        List.of("gates", "--max-epochs", "5"));
    for (List<String> run : runs) {
      List<String> args = new ArrayList<>(run);
      args.addAll(List.of("--dtype", "float32", "--out", dir.resolve(run.get(0)).toString()));
      Cli.Result r = Cli.run(args.toArray(String[]::new));
      assertEquals(0, r.exitCode(), run + ": " + r.err());
      assertTrue(r.out().contains("float32"), run + " says its type: " + r.out());
    }
    Cli.Result bad = Cli.run("gates", "--dtype", "half", "--out", dir.toString());
    assertEquals(2, bad.exitCode(), bad.out());
    assertTrue(bad.err().contains("--dtype: unknown type 'half'"), bad.err());
  }

  /**
   * Every training command's JSON line names the type its figures were computed in: a float32
   * run's loss, accuracy and time differ from a float64 run's, and without the field the two
   * lines could not be told apart. A loaded model's is its file's; gates's, its XOR network's.
   */
  @Test
  void everyTrainingJsonLineNamesItsType() throws IOException {
    Path csv = line();
    List<List<String>> runs = List.of(
        List.of("xor", "--epochs", "2"),
        List.of("blobs", "--epochs", "2"),
        List.of("digits", "--epochs", "1"),
        List.of("iris", "--epochs", "2"),
        List.of("train", "--csv", csv.toString(), "--label", "y", "--task", "regression",
            "--epochs", "2"),
        List.of("gates", "--max-epochs", "5"));
    for (String type : List.of("float32", "float64")) {
      for (List<String> run : runs) {
        List<String> args = new ArrayList<>(run);
        args.addAll(List.of("--dtype", type, "--json", "--out",
            dir.resolve(run.get(0)).toString()));
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), run + ": " + r.err());
        assertEquals(type, r.json().get("dtype"), run + ": " + r.out());
      }
    }
    Path saved = dir.resolve("iris32.safetensors");
    assertEquals(0, Cli.run("iris", "--dtype", "float32", "--epochs", "1", "--save",
        saved.toString(), "--out", dir.resolve("iris").toString()).exitCode());
    Cli.Result loaded = Cli.run("iris", "--load", saved.toString(), "--epochs", "0", "--json",
        "--out", dir.resolve("iris").toString());
    assertEquals(0, loaded.exitCode(), loaded.err());
    assertEquals("float32", loaded.json().get("dtype"), "the file's type: " + loaded.out());
  }

  @Test
  void verboseSaysWhichBackendRunsTheProducts() {
    String line = "matrix products: " + GemmBackend.describe();
    for (String command : List.of("xor", "iris", "gates")) {
      List<String> args = new ArrayList<>(List.of(command, "--verbose", "--out",
          dir.resolve(command).toString()));
      args.addAll(command.equals("gates") ? List.of("--max-epochs", "2")
          : List.of("--epochs", "1"));
      Cli.Result verbose = Cli.run(args.toArray(String[]::new));
      assertEquals(0, verbose.exitCode(), verbose.err());
      assertTrue(verbose.out().contains(line), command + ": " + verbose.out());
      args.remove("--verbose");
      assertFalse(Cli.run(args.toArray(String[]::new)).out().contains("matrix products:"),
          command + " without --verbose says nothing of it");
    }
  }
}
