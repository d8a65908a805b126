package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every option whose value is a word takes it in any case, as --optimizer ADAM and --model CNN
 * always did: --task, --missing, --delimiter's tab, --inject and --mutation. The refusals still
 * list the choices in lower case and echo the refused value as typed.
 */
class WordOptionCaseTest {
  @TempDir
  Path dir;

  /** A straight line, tab-separated, with one row whose x is NA. */
  private Path line() throws IOException {
    StringBuilder text = new StringBuilder("x\ty\n");
    for (int i = 0; i < 40; i++) {
      text.append(i == 7 ? "NA" : String.valueOf(i / 10.0)).append('\t').append(2 * i / 10.0)
          .append('\n');
    }
    return Files.writeString(dir.resolve("line.tsv"), text);
  }

  @Test
  void trainAndPredictTakeTheirWordsInAnyCase() throws IOException {
    Path data = line();
    Path model = dir.resolve("m.safetensors");
    Cli.Result trained = Cli.run("train", "--csv", data.toString(), "--label", "y", "--task",
        "Regression", "--missing", "DROP", "--delimiter", "TAB", "--epochs", "1", "--save",
        model.toString(), "--out", dir.resolve("o").toString());
    assertEquals(0, trained.exitCode(), trained.err());
    assertTrue(trained.out().contains("(in the units of y)"), "a regression: " + trained.out());
    assertTrue(trained.out().contains("left out 1 row"), trained.out());
    // The loaded model's task compared with the option's, spelled differently.
    Cli.Result resumed = Cli.run("train", "--csv", data.toString(), "--load", model.toString(),
        "--task", "REGRESSION", "--missing", "Drop", "--delimiter", "Tab", "--epochs", "0",
        "--out", dir.resolve("o").toString());
    assertEquals(0, resumed.exitCode(), resumed.err());
    Cli.Result predicted = Cli.run("predict", "--load", model.toString(), "--csv",
        data.toString(), "--missing", "Drop", "--delimiter", "TAB");
    assertEquals(0, predicted.exitCode(), predicted.err());
  }

  @Test
  void gradcheckTakesOpAndMutationInAnyCase() throws IOException {
    Cli.Result r = Cli.run("gradcheck", "--localize", "--inject", "LINEAR", "--mutation", "SIGN",
        "--networks", "1", "--json");
    assertEquals(1, r.exitCode(), "the injected mistake is found: " + r.out() + r.err());
    Map<String, Object> json = r.json();
    assertEquals("linear", json.get("injected_op"));
    assertEquals("sign", json.get("mutation"));
  }

  /**
   * A refused value is echoed as typed, as the Spark launcher echoes it (it was lower-cased:
   * "got 'ranking'" for Ranking); the choices are listed in lower case.
   */
  @Test
  void refusalsEchoTheValueAsTypedAndListTheChoicesInLowerCase() {
    Cli.Result task = Cli.run("train", "--csv", "x.csv", "--label", "y", "--task", "Ranking");
    assertEquals(2, task.exitCode(), task.err());
    assertTrue(task.err().startsWith("error: --task must be classification or regression, got"
        + " 'Ranking'"), task.err());
    Cli.Result mutation = Cli.run("gradcheck", "--localize", "--inject", "linear", "--mutation",
        "Flip");
    assertTrue(mutation.err().startsWith("error: --mutation must be sign, factor or transpose,"
        + " got 'Flip'"), mutation.err());
    Cli.Result missing = Cli.run("train", "--csv", "x.csv", "--label", "y", "--missing", "Keep");
    assertEquals(2, missing.exitCode(), missing.err());
    assertTrue(missing.err().startsWith("error: --missing must be reject or drop, got 'Keep'"),
        missing.err());
  }
}
