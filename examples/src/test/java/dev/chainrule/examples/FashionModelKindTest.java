package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fashion-mnist's --model against the kind of network a loaded file holds: the contradiction is
 * named as such, where --model cnn with an MLP's file was refused as if the file were a CNN's, and
 * a CNN's file is a usage error (exit 2) with any --model or none.
 */
class FashionModelKindTest {
  @TempDir
  Path dir;

  private Cli.Result fashion(Path data, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("fashion-mnist", "--data",
        data.toString(), "--epochs", "1", "--out", dir.resolve("o").toString()));
    args.addAll(List.of(more));
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void modelContradictingTheFileSaysSo() throws IOException {
    Path data = SavedDataOptionsTest.images(dir);
    String mlp = dir.resolve("fm.st").toString();
    String cnn = dir.resolve("cnn.st").toString();
    assertEquals(0, fashion(data, "--hidden", "4", "--save", mlp).exitCode());
    assertEquals(0, fashion(data, "--model", "cnn", "--hidden", "4", "--batch-size", "40",
        "--save", cnn).exitCode());

    Cli.Result cnnOnMlp = fashion(data, "--model", "cnn", "--load", mlp);
    assertEquals(2, cnnOnMlp.exitCode(), cnnOnMlp.err());
    assertEquals(List.of("error: --model cnn contradicts fm.st, which holds an MLP; leave out"
        + " --model cnn to go on from it (see 'chainrule fashion-mnist --help')"),
        cnnOnMlp.err().lines().toList());

    Cli.Result mlpOnCnn = fashion(data, "--model", "mlp", "--load", cnn);
    assertEquals(2, mlpOnCnn.exitCode(), mlpOnCnn.err());
    assertTrue(mlpOnCnn.err().startsWith("error: --model mlp contradicts cnn.st, which holds a"
        + " CNN (conv 16, conv 32, dense 4"), mlpOnCnn.err());

    // A CNN's file with --model cnn keeps its message: --load rebuilds MLPs only.
    Cli.Result both = fashion(data, "--model", "cnn", "--load", cnn);
    assertEquals(2, both.exitCode(), both.err());
    assertTrue(both.err().contains("a CNN checkpoint is a state_dict"), both.err());
    // Without --model the same file is refused as the same kind of error: the load refused it
    // with exit 1, the code of a broken file, where with --model cnn it was 2.
    Cli.Result noModel = fashion(data, "--load", cnn);
    assertEquals(2, noModel.exitCode(), noModel.err());
    assertTrue(noModel.err().startsWith("error: --load cannot take cnn.st, which holds a CNN"
        + " (conv 16, conv 32, dense 4"), noModel.err());
    assertTrue(noModel.err().contains("load a CNN checkpoint in code with ModelCheckpoint.load"
        + " (see 'chainrule fashion-mnist --help')"), noModel.err());
    // Without --model, loading the MLP still works.
    assertEquals(0, fashion(data, "--load", mlp).exitCode());
  }
}
