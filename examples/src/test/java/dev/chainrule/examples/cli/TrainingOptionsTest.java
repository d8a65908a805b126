package dev.chainrule.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.DType;
import dev.chainrule.examples.plot.ChartFormat;
import dev.chainrule.optim.OptimizerChoice;
import dev.chainrule.optim.model.Validation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options every training command shares, resolved into settings: the command's defaults
 * where none is given, and each value out of range refused as a usage error in words.
 */
class TrainingOptionsTest {
  @TempDir
  Path dir;

  @Command(name = "fit")
  static final class Fit {
    @Mixin
    TrainingOptions training;
    @Spec
    CommandSpec spec;
  }

  private static final Defaults DEFAULTS = new Defaults(20, 16, 0.003, "adam", List.of(8, 4),
      "tanh", 42);

  private Settings resolve(String... args) {
    Fit fit = new Fit();
    CommandLine cli = new CommandLine(fit)
        .setDefaultValueProvider(new DefaultsProvider("fit", DEFAULTS));
    NumberConverters.register(cli);
    List<String> all = new ArrayList<>(List.of("--out", dir.resolve("out").toString()));
    all.addAll(List.of(args));
    cli.parseArgs(all.toArray(String[]::new));
    return fit.training.resolve(fit.spec);
  }

  private String refusal(String... args) {
    return assertThrows(ParameterException.class, () -> resolve(args)).getMessage();
  }

  @Test
  void theDefaultsAndTheGivenValuesMakeTheSettings() {
    Settings s = resolve("--epochs", "3", "--hidden", "5, 6", "--dtype", "float32", "--format",
        "SVG", "--json");
    assertEquals(3, s.epochs());
    assertEquals(16, s.batchSize());
    assertEquals(0.003, s.learningRate());
    assertEquals(OptimizerChoice.ADAM, s.optimizer());
    assertEquals(List.of(5, 6), s.hidden());
    assertEquals(42, s.seed());
    assertEquals(DType.FLOAT32, s.dtype());
    assertEquals(ChartFormat.SVG, s.format());
    assertTrue(s.json());
    assertFalse(s.detectAnomaly());
    assertEquals(Set.of("--out", "--epochs", "--hidden", "--dtype", "--format", "--json"),
        s.given());
    assertTrue(Files.isDirectory(dir.resolve("out")), "the output folder is made before work");
    assertEquals(ChartFormat.PNG, resolve().format());
  }

  @Test
  void valuesOutOfRangeAreRefusedInWords() {
    assertEquals("--epochs must not be negative, got -1", refusal("--epochs", "-1"));
    assertEquals("--batch-size must be positive, got 0", refusal("--batch-size", "0"));
    assertEquals("--lr must be positive, got 0", refusal("--lr", "0"));
    assertEquals("--hidden widths must be positive, got 8,0", refusal("--hidden", "8,0"));
    assertEquals("--hidden '8,' has an empty width: give the widths separated by commas, e.g."
        + " 64,32", refusal("--hidden", "8,"));
    assertEquals("option '--hidden' (WIDTHS) should be specified only once: give all the widths"
        + " in one, e.g. --hidden 64,32", refusal("--hidden", "8", "--hidden", "4"));
    assertTrue(refusal("--dtype", "float16").startsWith("--dtype"), "names the option");
  }

  @Test
  void aRunWithoutEpochsTakesNoSettingsOfTraining() throws IOException {
    assertEquals("--epochs 0 needs --load: it evaluates a saved model, and a new one is"
        + " untrained", refusal("--epochs", "0"));
    Path model = Files.writeString(dir.resolve("m.safetensors"), "x");
    assertEquals("--lr, --batch-size set training; --epochs 0 trains nothing, it evaluates"
        + " --load's model", refusal("--epochs", "0", "--load", model.toString(),
            "--batch-size", "4", "--lr", "0.1"));
    assertEquals("--detect-anomaly sets training; --epochs 0 trains nothing, it evaluates"
        + " --load's model", refusal("--epochs", "0", "--load", model.toString(),
            "--detect-anomaly"));
    assertEquals("--validation and --patience choose the epoch to keep; --epochs 0 trains none",
        refusal("--epochs", "0", "--load", model.toString(), "--validation", "0.2"));
    assertEquals("--validation and --patience choose the epoch to keep; --epochs 0 trains none",
        refusal("--epochs", "0", "--load", model.toString(), "--patience", "3"));
    // Evaluating a loaded model is what --epochs 0 is for.
    assertEquals(0, resolve("--epochs", "0", "--load", model.toString()).epochs());
  }

  @Test
  void patienceWithoutValidationWaitsForTheLoadedFilesShare() throws IOException {
    Path model = Files.writeString(dir.resolve("m.safetensors"), "x");
    // With --load and no --validation, the share is the file's, known once it is read.
    assertEquals(Validation.NONE, resolve("--load", model.toString(), "--patience", "3")
        .validation());
    assertEquals(new Validation(0.25, 3), resolve("--load", model.toString(), "--patience", "3",
        "--validation", "0.25").validation());
    assertEquals(new Validation(0.25, 3), resolve("--patience", "3", "--validation", "0.25")
        .validation());
  }

  /**
   * {@code --monitor} names the figure {@code --patience} watches, in any case; without it the
   * patience watches the loss, and alone it is refused, as a figure nothing watches would pass
   * for a run that chose its epoch by it. (Runs and the task's refusals: MonitorOptionTest.)
   */
  @Test
  void theMonitorIsReadWithThePatienceAndRefusedWithout() {
    assertEquals(MonitorChoice.LOSS, resolve().monitor());
    assertEquals(MonitorChoice.LOSS, resolve("--patience", "3", "--validation", "0.25")
        .monitor());
    assertEquals(MonitorChoice.MACRO_F1, resolve("--patience", "3", "--validation", "0.25",
        "--monitor", "Macro-F1").monitor());
    assertEquals(MonitorChoice.MAE, resolve("--patience", "3", "--validation", "0.25",
        "--monitor", "mae").monitor());
    assertEquals("--monitor accuracy needs --patience N: it names the figure the patience"
        + " watches and the kept epoch is chosen by, and without one every epoch is trained and"
        + " the last one's weights kept", refusal("--monitor", "accuracy"));
    String choices = "; choose loss, accuracy, balanced-accuracy or macro-f1 for a"
        + " classification, loss or mae for a regression";
    assertEquals("--monitor: unknown figure 'macro_f1' (did you mean macro-f1?)" + choices,
        refusal("--patience", "3", "--validation", "0.25", "--monitor", "macro_f1"));
    // Keras's names hold the program's words; a bare F1 is the macro one's.
    assertEquals("--monitor: unknown figure 'val_accuracy' (did you mean accuracy?)" + choices,
        refusal("--patience", "3", "--validation", "0.25", "--monitor", "val_accuracy"));
    assertEquals("--monitor: unknown figure 'f1' (did you mean macro-f1?)" + choices,
        refusal("--patience", "3", "--validation", "0.25", "--monitor", "f1"));
    assertEquals("--monitor: unknown figure 'auc'" + choices,
        refusal("--patience", "3", "--validation", "0.25", "--monitor", "auc"));
  }

  @Test
  void theSaveFileIsNotTheOutputFolder() {
    Path out = dir.resolve("out");
    assertEquals("--save and --out name the same path, " + out + ": --out is the folder of the"
        + " charts and --save the model's file in it or elsewhere; give --save a file name, such"
        + " as " + out.resolve("model.safetensors"), refusal("--save", out.toString()));
    assertEquals("--save " + out.resolve("loss.png") + " is named as a picture (.png), as the"
        + " run's charts are: a chart could replace the model; give a name such as"
        + " model.safetensors", refusal("--save", out.resolve("loss.png").toString()));
    assertEquals(out.resolve("m.safetensors"),
        resolve("--save", out.resolve("m.safetensors").toString()).save());
  }
  /**
   * What is in the way of the run's files is refused before the work: a folder where the loss
   * chart goes (not for a run that draws none), a --load file that is missing, a --save that is
   * a folder, ends in a separator, is a file of other content, or is --out through a link.
   */
  @Test
  void filesInTheWayAreRefusedBeforeTheWork() throws IOException {
    Path out = Files.createDirectories(dir.resolve("out/loss.png")).getParent();
    Failure chart = assertThrows(Failure.class, () -> resolve("--epochs", "3"));
    assertEquals("--out " + out + " holds a chart the program cannot replace: "
        + out.resolve("loss.png") + " is a folder; remove it or choose another --out",
        chart.getMessage());
    Path model = Files.writeString(dir.resolve("m.safetensors"), "x");
    assertEquals(0, resolve("--epochs", "0", "--load", model.toString()).epochs(),
        "an evaluation draws no loss chart");
    Files.delete(out.resolve("loss.png"));

    Path missing = dir.resolve("gone.safetensors");
    Failure load = assertThrows(Failure.class, () -> resolve("--load", missing.toString()));
    assertTrue(load.getMessage().startsWith("--load " + missing), load.getMessage());

    PathUsage folder = assertThrows(PathUsage.class, () -> resolve("--save", dir.toString()));
    assertTrue(folder.getMessage().startsWith("--save " + dir), folder.getMessage());
    PathUsage slash = assertThrows(PathUsage.class,
        () -> resolve("--save", dir.resolve("new.safetensors") + "/"));
    assertTrue(slash.getMessage().startsWith("--save"), slash.getMessage());
    Path notes = Files.writeString(dir.resolve("notes.txt"), "mine");
    assertEquals("--save " + notes + " would replace a file that is not a safetensors"
        + " checkpoint; give the path of a new file, or of a checkpoint to replace (remove the"
        + " file first if it is meant to go)", refusal("--save", notes.toString()));
    Path link = Files.createSymbolicLink(dir.resolve("link"), out);
    assertTrue(refusal("--save", link.toString()).startsWith("--save and --out name the same"
        + " path, " + link), "the same folder through a link");
  }

  @Test
  void theRunsPatienceAndVerbosityAreItsOptions() {
    Fit fit = new Fit();
    new CommandLine(fit).setDefaultValueProvider(new DefaultsProvider("fit", DEFAULTS))
        .parseArgs("--patience", "4", "--verbose");
    assertEquals(4, fit.training.patience());
    assertTrue(fit.training.verbose());
    Fit quiet = new Fit();
    new CommandLine(quiet).setDefaultValueProvider(new DefaultsProvider("fit", DEFAULTS))
        .parseArgs();
    assertEquals(0, quiet.training.patience());
    assertFalse(quiet.training.verbose());
  }
}
