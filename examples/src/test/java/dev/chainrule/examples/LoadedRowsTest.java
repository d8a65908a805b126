package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.optim.checkpoint.Checkpoint;
import dev.chainrule.optim.checkpoint.SafeTensors;
import dev.chainrule.optim.model.ModelDescription;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --load} evaluates (or goes on training) a model on the rows its split was drawn
 * from, and only those: the model's seed splits whatever rows it is given, so the same number of
 * rows in another order (or edited) put rows it trained on into its test part. A shuffled copy of
 * the breast-cancer file scored 1.0 where the model's own test rows score 0.96, with exit 0.
 */
class LoadedRowsTest {
  @TempDir
  Path dir;

  private Path csv;
  private List<String> lines;

  @BeforeEach
  void trainOnTheFile() throws IOException {
    csv = dir.resolve("breast_cancer.csv");
    try (InputStream in = getClass().getResourceAsStream("/breast_cancer.csv")) {
      Files.copy(in, csv);
    }
    lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    Cli.Result saved = Cli.run("train", "--csv", csv.toString(), "--label", "diagnosis",
        "--epochs", "3", "--save", path("bc.safetensors"), "--out", path("o"), "--json");
    assertEquals(0, saved.exitCode(), saved.err());
  }

  private String path(String name) {
    return dir.resolve(name).toString();
  }

  private Cli.Result evaluate(Path data) {
    return Cli.run("train", "--csv", data.toString(), "--load", path("bc.safetensors"),
        "--epochs", "0", "--out", path("o"), "--json");
  }

  /** The file's data rows in reverse, under its header: the same rows, in another order. */
  private Path reversed() throws IOException {
    List<String> rows = new ArrayList<>(lines.subList(1, lines.size()));
    Collections.reverse(rows);
    List<String> all = new ArrayList<>(List.of(lines.get(0)));
    all.addAll(rows);
    return Files.write(dir.resolve("bc_reversed.csv"), all, StandardCharsets.UTF_8);
  }

  @Test
  void theSameRowsInAnotherOrderAreRefused() throws IOException {
    Cli.Result refused = evaluate(reversed());
    // The data differ, not an option: a failure (it was a usage error, exit 2), as another count
    // of rows is, and as the Spark launcher's --resume refuses other rows.
    assertEquals(1, refused.exitCode(), refused.err());
    assertEquals("", refused.out());
    assertEquals(List.of("error: --csv " + path("bc_reversed.csv") + " holds other rows than the"
        + " 569 bc.safetensors was split from (read by the names in its header), or the same rows"
        + " in another order: the model's seed would split them into a test part that holds rows"
        + " it trained on; give --csv the file it was trained on, unchanged, or train a new model"
        + " without --load (predict --load scores new rows)"),
        refused.err().lines().toList());
  }

  @Test
  void oneValueEditedIsRefused() throws IOException {
    // The first data row's mean_radius, 17.99, becomes 18.99; the count is unchanged.
    List<String> edited = new ArrayList<>(lines);
    assertTrue(edited.get(1).startsWith("17.99,"), edited.get(1));
    edited.set(1, "18.99," + edited.get(1).substring("17.99,".length()));
    Cli.Result refused = evaluate(Files.write(dir.resolve("bc_edited.csv"), edited,
        StandardCharsets.UTF_8));
    assertEquals(1, refused.exitCode(), refused.err());
    assertTrue(refused.err().contains("holds other rows than the 569 bc.safetensors was split"
        + " from"), refused.err());
  }

  /**
   * A header whose names moved (two features' names swapped): the model reads its features by
   * name, so from other columns, and the rows read differ. That is the data, not --drop, which
   * agrees with the file (the column it leaves out is none of the model's): exit 1, naming
   * --csv; it was 2, a usage error, as if the option contradicted the file.
   */
  @Test
  void aHeaderWhoseNamesMovedIsTheDatasFaultWithOrWithoutDrop() throws IOException {
    List<String> header = new ArrayList<>(List.of(lines.get(0).split(",", -1)));
    assertEquals("mean_radius", header.get(0));
    Collections.swap(header, 0, 1);
    List<String> swapped = new ArrayList<>(lines);
    swapped.set(0, String.join(",", header));
    Path data = Files.write(dir.resolve("bc_swapped.csv"), swapped, StandardCharsets.UTF_8);
    for (List<String> drop : List.of(List.<String>of(), List.of("--drop", "no_such_column"))) {
      List<String> args = new ArrayList<>(List.of("train", "--csv", data.toString(), "--load",
          path("bc.safetensors"), "--epochs", "1", "--out", path("o"), "--json"));
      args.addAll(drop);
      Cli.Result refused = Cli.run(args.toArray(String[]::new));
      assertEquals(1, refused.exitCode(), drop + ": " + refused.err());
      assertTrue(refused.err().startsWith("error: --csv " + data + " holds other rows than the"
          + " 569 bc.safetensors was split from (read by the names in its header)"),
          refused.err());
      assertFalse(refused.err().contains("--help"), "no usage error: " + refused.err());
    }
  }

  /**
   * The fingerprint is of the values read, not of the file's bytes: the same rows written with
   * other line endings split the same, and are the model's rows. The original file scores what
   * the saved run scored.
   */
  @Test
  void theModelsOwnRowsPassInAnyForm() throws IOException {
    double accuracy = evaluate(csv).number("test_accuracy");
    Path crlf = dir.resolve("bc_crlf.csv");
    Files.writeString(crlf, String.join("\r\n", lines) + "\r\n", StandardCharsets.UTF_8);
    Cli.Result same = evaluate(crlf);
    assertEquals(0, same.exitCode(), same.err());
    // The same model on the same test rows: the same accuracy, exactly.
    assertEquals(accuracy, same.number("test_accuracy"));
  }

  /**
   * A checkpoint saved before fingerprints were recorded (version 3: the split's seed, fraction
   * and rows) still loads, with a note that its rows cannot be checked.
   */
  @Test
  void aCheckpointWithoutAFingerprintLoadsWithANote() throws IOException {
    Path file = dir.resolve("bc.safetensors");
    Checkpoint checkpoint = SafeTensors.read(file);
    Map<String, String> metadata = new LinkedHashMap<>(checkpoint.metadata());
    ModelDescription now = ModelDescription.fromJson(metadata.get("chainrule.model"), "bc");
    assertEquals(64, now.split().rowsSha256().length());
    ModelDescription.DataSplit older = new ModelDescription.DataSplit(now.split().seed(),
        now.split().testFraction(), now.split().rows());
    metadata.put("chainrule.model", now.withSplit(older).toJson());
    SafeTensors.write(file, checkpoint.tensors(), metadata);
    assertTrue(metadata.get("chainrule.model").contains("\"version\":3"));

    Cli.Result loaded = evaluate(reversed());
    assertEquals(0, loaded.exitCode(), loaded.err());
    assertEquals(List.of("note: bc.safetensors records no fingerprint of the rows its split was"
        + " drawn from (saved by an older chainrule): whether --csv bc_reversed.csv holds those"
        + " rows, in that order, cannot be checked, and if not, its test score counts rows the"
        + " model trained on"), loaded.err().lines().filter(line -> !line.startsWith("pictures: "))
        .toList());
    assertFalse(loaded.json().isEmpty());
  }
}
