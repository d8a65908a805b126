package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import dev.chainrule.optim.checkpoint.Checkpoint;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.checkpoint.SafeTensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file whose weights are stored in another type than its description's loads with a note
 * naming the conversion: train and predict said only "loaded", though the load report named it.
 */
class ConvertedTypesNoteTest {
  @TempDir
  Path dir;

  private String path(String name) {
    return dir.resolve(name).toString();
  }

  /** How many of a file's tensors are the model's (not the optimizer's state). */
  private static long weights(Checkpoint file) {
    return file.tensors().keySet().stream()
        .filter(name -> !name.startsWith(ModelCheckpoint.OPTIMIZER_PREFIX)).count();
  }

  @Test
  void float32WeightsInAFloat64ModelsFileAreNotedAsExact() {
    assertEquals(0, Cli.run("iris", "--epochs", "1", "--save", path("wide.safetensors"), "--out",
        path("a")).exitCode());
    Checkpoint wide = SafeTensors.read(dir.resolve("wide.safetensors"));
    SafeTensors.write(dir.resolve("narrow.safetensors"), wide.tensors(), wide.metadata(),
        DType.FLOAT32);
    Cli.Result same = Cli.run("iris", "--load", path("wide.safetensors"), "--epochs", "0",
        "--out", path("b"));
    assertEquals(0, same.exitCode(), same.err());
    assertFalse((same.out() + same.err()).contains("converted"), same.out());
    Cli.Result narrow = Cli.run("iris", "--load", path("narrow.safetensors"), "--epochs", "0",
        "--out", path("c"));
    assertEquals(0, narrow.exitCode(), narrow.err());
    assertTrue(narrow.out().contains("\nnote: narrow.safetensors: " + weights(wide) + " tensors"
        + " stored as float32 were converted to float64 (exact)\n"), narrow.out());
  }

  @Test
  void float64WeightsInAFloat32ModelsFileAreNotedExactOrRounded() throws IOException {
    writeSmallCsv();
    assertEquals(0, Cli.run("train", "--csv", path("small.csv"), "--label", "y", "--epochs", "1",
        "--dtype", "float32", "--save", path("small32.safetensors"), "--out", path("a"))
        .exitCode());
    Checkpoint narrow = SafeTensors.read(dir.resolve("small32.safetensors"));
    // Every weight widened to float64, which float32 holds exactly, but for one element moved a
    // quarter of its float32 spacing: it rounds back on loading.
    Map<String, Tensor> wide = new LinkedHashMap<>();
    narrow.tensors().forEach((name, t) -> wide.put(name, t.to(DType.FLOAT64)));
    Tensor weight = wide.get("0.weight");
    double[] values = weight.toArray();
    values[0] += Math.ulp((float) values[0]) / 4;
    wide.put("0.weight", Tensor.of(values, weight.shape().dims()));
    SafeTensors.write(dir.resolve("wide.safetensors"), wide, narrow.metadata());
    Cli.Result r = Cli.run("predict", "--load", path("wide.safetensors"), "--csv",
        path("small.csv"));
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.err().contains("note: wide.safetensors: 1 tensor stored as float64 was"
        + " converted to float32 (rounded to nearest); " + (weights(narrow) - 1) + " tensors"
        + " stored as float64 were converted to float32 (exact)\n"), r.err());
    Cli.Result own = Cli.run("predict", "--load", path("small32.safetensors"), "--csv",
        path("small.csv"));
    assertEquals(0, own.exitCode(), own.err());
    assertFalse((own.out() + own.err()).contains("converted"), own.err());
  }

  /**
   * A float32 run continued from its file widened to float64, one of Adam's moments moved a
   * quarter of its float32 spacing: the weights' note said "(exact)" and the rounded state went
   * unnoted. Now the state has its own note.
   */
  @Test
  void anOptimizerStateRoundedOnLoadingIsNoted() throws IOException {
    writeSmallCsv();
    assertEquals(0, Cli.run("train", "--csv", path("small.csv"), "--label", "y", "--epochs", "1",
        "--dtype", "float32", "--optimizer", "adam", "--save", path("small32.safetensors"),
        "--out", path("a")).exitCode());
    Checkpoint narrow = SafeTensors.read(dir.resolve("small32.safetensors"));
    Map<String, Tensor> wide = new LinkedHashMap<>();
    narrow.tensors().forEach((name, t) -> wide.put(name, t.to(DType.FLOAT64)));
    List<String> state = narrow.tensors().entrySet().stream()
        .filter(e -> e.getKey().startsWith(ModelCheckpoint.OPTIMIZER_PREFIX))
        .filter(e -> e.getValue().dtype() == DType.FLOAT32 && e.getValue().rank() > 0)
        .map(Map.Entry::getKey).toList();
    String moved = state.stream().filter(name -> name.endsWith(".exp_avg")).findFirst()
        .orElseThrow();
    Tensor moment = wide.get(moved);
    double[] values = moment.toArray();
    values[0] += Math.ulp((float) values[0]) / 4;
    wide.put(moved, Tensor.of(values, moment.shape().dims()));
    SafeTensors.write(dir.resolve("wide.safetensors"), wide, narrow.metadata());
    Cli.Result r = Cli.run("train", "--csv", path("small.csv"), "--label", "y", "--load",
        path("wide.safetensors"), "--epochs", "1", "--out", path("b"));
    assertEquals(0, r.exitCode(), r.err());
    String all = r.out() + r.err();
    assertTrue(all.contains("note: wide.safetensors: 1 optimizer state tensor stored as float64"
        + " was converted to float32 (rounded to nearest)"), all);
    assertTrue(all.contains((state.size() - 1) + " optimizer state tensors stored as float64"
        + " were converted to float32 (exact)"), all);
    // Its own file, in its own types: nothing converted, nothing noted.
    Cli.Result own = Cli.run("train", "--csv", path("small.csv"), "--label", "y", "--load",
        path("small32.safetensors"), "--epochs", "1", "--out", path("c"));
    assertEquals(0, own.exitCode(), own.err());
    assertFalse((own.out() + own.err()).contains("converted"), own.out());
  }

  /** small.csv: 40 rows of a (0 or 1), b and y (cat or dog), which a run fits in an epoch. */
  private void writeSmallCsv() throws IOException {
    StringBuilder data = new StringBuilder("a,b,y\n");
    for (int i = 0; i < 40; i++) {
      data.append(i % 2).append(',').append(i).append(',').append(i % 2 == 0 ? "cat" : "dog")
          .append('\n');
    }
    Files.writeString(dir.resolve("small.csv"), data);
  }
}
