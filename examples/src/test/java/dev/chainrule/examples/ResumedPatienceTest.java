package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.optim.checkpoint.Checkpoint;
import dev.chainrule.optim.checkpoint.SafeTensors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run with {@code --patience} continued with {@code --load} goes on from the saved file's
 * record of its best epoch: on Iris with seed 42 the validation loss is lowest at epoch 36 and
 * the run stops at 41 ({@code ValidationOptionsTest}); saved after 38 epochs (holding epoch 36's
 * weights) and continued, it stops at 41 too and saves the same model, bit for bit. Before, the
 * continued run took its own first epoch for the best, and stopped five epochs after it.
 */
class ResumedPatienceTest {
  @TempDir
  Path dir;

  private String path(String name) {
    return dir.resolve(name).toString();
  }

  private Cli.Result run(String out, String... more) {
    String[] options = {"iris", "--validation", "0.2", "--patience", "5", "--json", "--out",
        path(out)};
    String[] all = new String[options.length + more.length];
    System.arraycopy(options, 0, all, 0, options.length);
    System.arraycopy(more, 0, all, options.length, more.length);
    Cli.Result result = Cli.run(all);
    assertEquals(0, result.exitCode(), result.err());
    return result;
  }

  @Test
  void aContinuedRunStopsWhereOneRunStopsWithTheSameModel() throws IOException {
    Map<String, Object> whole = run("a", "--epochs", "300", "--save", path("whole.safetensors"))
        .json();
    assertEquals(41.0, whole.get("epochs"));
    assertEquals(36.0, whole.get("weights_epoch"));

    Map<String, Object> first = run("b", "--epochs", "38", "--save", path("first.safetensors"))
        .json();
    assertEquals(Boolean.FALSE, first.get("stopped_early"));
    assertEquals("36", SafeTensors.list(dir.resolve("first.safetensors")).metadata()
        .get("epoch"), "the file holds the best epoch's weights");
    Map<String, Object> rest = run("c", "--load", path("first.safetensors"), "--epochs", "300",
        "--save", path("rest.safetensors")).json();
    assertEquals(37.0, rest.get("first_epoch"));
    assertEquals(Boolean.TRUE, rest.get("stopped_early"));
    assertEquals(36.0, rest.get("weights_epoch"), "an epoch of the first run's");
    assertEquals(5.0, rest.get("epochs"), "epochs 37 to 41");
    assertEquals(whole.get("train_loss"), rest.get("train_loss"));
    assertEquals(whole.get("test_accuracy"), rest.get("test_accuracy"));
    assertEquals(SafeTensors.read(dir.resolve("whole.safetensors")).tensors(),
        SafeTensors.read(dir.resolve("rest.safetensors")).tensors(), "bit for bit");
  }

  /**
   * {@code --patience} with {@code --load} and no {@code --validation} watches the rows the
   * file's run held out: the same run as with {@code --validation 0.2} repeated. It was refused
   * as "--patience needs --validation FRACTION" though the file records the share.
   */
  @Test
  void patienceGoesOnWithTheFilesValidationShare() throws IOException {
    run("a", "--epochs", "38", "--save", path("first.safetensors"));
    Cli.Result rest = Cli.run("iris", "--load", path("first.safetensors"), "--patience", "5",
        "--epochs", "162", "--json", "--out", path("b"), "--save", path("rest.safetensors"));
    assertEquals(0, rest.exitCode(), rest.err());
    Map<String, Object> fields = rest.json();
    assertEquals(21.0, fields.get("validation_samples"), "0.2 of Iris's 105 training rows");
    assertEquals(Boolean.TRUE, fields.get("stopped_early"));
    assertEquals(36.0, fields.get("weights_epoch"), "as one run of 300 epochs keeps");
    Map<String, Object> given = run("c", "--load", path("first.safetensors"), "--epochs", "162",
        "--save", path("given.safetensors")).json();
    assertEquals(given.get("train_loss"), fields.get("train_loss"));
    assertEquals(SafeTensors.read(dir.resolve("given.safetensors")).tensors(),
        SafeTensors.read(dir.resolve("rest.safetensors")).tensors(), "bit for bit");

    // A file whose run held no rows out has none to watch: holding some out now would validate
    // on rows it trained on.
    assertEquals(0, Cli.run("iris", "--epochs", "3", "--save", path("all.safetensors"), "--out",
        path("d")).exitCode());
    Cli.Result none = Cli.run("iris", "--load", path("all.safetensors"), "--patience", "5",
        "--epochs", "10", "--out", path("d"));
    assertEquals(2, none.exitCode(), none.err());
    assertEquals(List.of("error: --patience 5 needs rows held out for validation, and"
        + " all.safetensors's run trained on all of its training rows (held out now, they would"
        + " validate on rows it trained on); train a new model with --validation FRACTION"
        + " --patience N (see 'chainrule iris --help')"), none.err().lines().toList());
    // With no epoch to train there is none to choose, whatever the file holds out.
    Cli.Result evaluate = Cli.run("iris", "--load", path("first.safetensors"), "--patience", "5",
        "--epochs", "0", "--out", path("d"));
    assertEquals(2, evaluate.exitCode(), evaluate.err());
    assertEquals(List.of("error: --validation and --patience choose the epoch to keep; --epochs"
        + " 0 trains none (see 'chainrule iris --help')"), evaluate.err().lines().toList());
  }

  /** A file saved before records were kept continues as it did, and the console says so. */
  @Test
  void aFileWithoutTheRecordStartsItAfreshAndSaysSo() throws IOException {
    run("a", "--epochs", "38", "--save", path("first.safetensors"));
    Checkpoint file = SafeTensors.read(dir.resolve("first.safetensors"));
    Map<String, String> metadata = new LinkedHashMap<>(file.metadata());
    metadata.keySet().removeIf(key -> key.startsWith("chainrule.records")
        || key.startsWith("chainrule.early_stopping."));
    SafeTensors.write(dir.resolve("old.safetensors"), file.tensors(), metadata);

    Cli.Result text = Cli.run("iris", "--validation", "0.2", "--patience", "5", "--load",
        path("old.safetensors"), "--epochs", "300", "--out", path("b"));
    assertEquals(0, text.exitCode(), text.err());
    assertTrue(text.out().contains("note: old.safetensors holds no record of early stopping or"
        + " of a reduction on a plateau (it was saved before checkpoints kept them): both start"
        + " afresh at epoch 37"), text.out());
    Map<String, Object> afresh = run("c", "--load", path("old.safetensors"), "--epochs", "300")
        .json();
    assertNotEquals(36.0, afresh.get("weights_epoch"), "its first epoch was its best");
  }

  /** Without --patience the record is not used: the run trains every epoch it is given. */
  @Test
  void withoutPatienceTheRecordIsLeftAlone() throws IOException {
    run("a", "--epochs", "38", "--save", path("first.safetensors"));
    Cli.Result more = Cli.run("iris", "--load", path("first.safetensors"), "--epochs", "3",
        "--json", "--out", path("b"));
    assertEquals(0, more.exitCode(), more.err());
    assertEquals(3.0, more.json().get("epochs"));
    assertFalse(more.out().contains("note:"), more.out());
  }
}
