package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression values as scripts and spreadsheets read them: predictions of 1e7 and more printed
 * as Java writes them, 3.124530060198345E7, beside 9999999.0 in the same column, and training's
 * JSON line gave a small RMSE as 2.913523578728775E-6. They are now written as Python writes a
 * float: plainly from 1e-4 to 1e16, as 2.9e-06 outside, the CSV and the JSON lines alike.
 */
class PredictedValueTextTest {
  @TempDir
  Path dir;

  /** Trains on 40 rows of t = unit · (1 + x/40) and predicts them; [CSV run, JSON run]. */
  private List<Cli.Result> trainAndPredict(double unit) throws IOException {
    StringBuilder rows = new StringBuilder("x,t\n");
    for (int i = 0; i < 40; i++) {
      rows.append(i).append(',').append(String.format(Locale.ROOT, "%s", unit * (1 + i / 40.0)))
          .append('\n');
    }
    Path data = Files.writeString(dir.resolve("t.csv"), rows);
    Path model = dir.resolve("m.safetensors");
    Cli.Result trained = Cli.run("train", "--csv", data.toString(), "--label", "t", "--task",
        "regression", "--epochs", "2", "--save", model.toString(), "--json", "--out",
        dir.resolve("out").toString());
    assertEquals(0, trained.exitCode(), trained.err());
    Cli.Result csv = Cli.run("predict", "--load", model.toString(), "--csv", data.toString());
    assertEquals(0, csv.exitCode(), csv.err());
    Cli.Result json = Cli.run("predict", "--load", model.toString(), "--csv", data.toString(),
        "--json");
    assertEquals(0, json.exitCode(), json.err());
    return List.of(trained, csv, json);
  }

  /** The predicted values' texts of a CSV run, then of a JSON run, in line order. */
  private static List<List<String>> values(Cli.Result csv, Cli.Result json) {
    List<String> fromCsv = csv.lines().stream().skip(1).map(l -> l.split(",")[1]).toList();
    List<String> fromJson = json.lines().stream().filter(l -> l.contains("\"predicted\""))
        .map(l -> l.replaceAll(".*\"predicted\":([^,}]*).*", "$1")).toList();
    return List.of(fromCsv, fromJson);
  }

  @Test
  void millionsArePlainDecimalsInBoth() throws IOException {
    List<Cli.Result> runs = trainAndPredict(1e7);
    List<List<String>> values = values(runs.get(1), runs.get(2));
    assertEquals(40, values.get(0).size(), runs.get(1).out());
    assertEquals(values.get(0), values.get(1), "the CSV and the JSON lines write one text");
    for (String value : values.get(0)) {
      // The model's answers after two epochs lie near the targets' 1e7..2e7, far below 1e16.
      assertTrue(value.matches("\\d{7,8}\\.\\d+"), value);
    }
  }

  @Test
  void tinyValuesHaveOneScientificForm() throws IOException {
    List<Cli.Result> runs = trainAndPredict(1e-6);
    List<List<String>> values = values(runs.get(1), runs.get(2));
    assertEquals(values.get(0), values.get(1), "the CSV and the JSON lines write one text");
    for (String value : values.get(0)) {
      // Targets of 1e-6..2e-6 and a model two epochs in: near them, below 1e-4 in any case.
      assertTrue(value.matches("-?\\d(\\.\\d+)?e-\\d\\d"), value);
    }
    // Training's JSON line writes its RMSE, in the targets' units, the same way.
    String line = runs.get(0).lines().get(runs.get(0).lines().size() - 1);
    assertTrue(line.matches(".*\"test_rmse\":\\d(\\.\\d+)?e-\\d\\d,.*"), line);
  }
}
