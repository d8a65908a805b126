package dev.chainrule.examples.run;

import static dev.chainrule.examples.run.LoadedFiles.described;
import static dev.chainrule.examples.run.LoadedFiles.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.examples.cli.Settings;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * A run that trains a loaded model further takes its run's seed (its split's, else the recorded
 * entry), refuses a --seed that contradicts it, and notes a file that records none.
 */
class LoadedSeedTest {
  private static final String KEY = LoadedSeed.KEY;

  @Command(name = "fit")
  static final class Fit {
    @Option(names = "--validation")
    double validation;
  }

  @Command(name = "xor")
  static final class Xor {
    @Option(names = "--validation", hidden = true)
    double validation;
  }

  @Test
  void theSplitsSeedComesFirstThenTheEntry() {
    ModelCheckpoint.DescribedModel split = described(true, Map.of(KEY, "9"));
    assertEquals(OptionalLong.of(LoadedFiles.SPLIT_SEED), LoadedSeed.recorded(split));
    assertEquals(OptionalLong.of(9), LoadedSeed.recorded(described(false, Map.of(KEY, "9"))));
    assertEquals(OptionalLong.empty(), LoadedSeed.recorded(described(false, Map.of(KEY, "x"))));
    assertEquals(OptionalLong.empty(), LoadedSeed.recorded(described(false, Map.of())));
    assertEquals(Map.of(KEY, "1"), LoadedSeed.metadata(settings(5, 4)));
  }

  @Test
  void theFilesSeedIsTakenUnlessOneIsGiven() {
    assertEquals(9, LoadedSeed.continuing(settings(5, 4), described(false, Map.of(KEY, "9")))
        .seed());
    Settings given = settings(5, 4, "--seed");
    assertSame(given, LoadedSeed.continuing(given, described(false, Map.of(KEY, "9"))));
    assertEquals(1, LoadedSeed.continuing(settings(5, 4), described(false, Map.of())).seed());
  }

  @Test
  void aSeedThatContradictsTheFilesIsRefused() {
    CommandSpec fit = new CommandLine(new Fit()).getCommandSpec();
    Settings given = settings(5, 4, "--seed");
    assertEquals("--seed 1 contradicts m.safetensors, whose test rows were split with seed "
        + LoadedFiles.SPLIT_SEED + " (another split would test on training rows)",
        assertThrows(ParameterException.class, () -> LoadedSeed.requireAgrees(given, fit,
            described(true, Map.of()))).getMessage());
    assertEquals("--seed 1 contradicts m.safetensors, whose run trained with seed 9 (another"
        + " draws other batch orders and validation rows than one uninterrupted run); leave out"
        + " --seed", assertThrows(ParameterException.class, () -> LoadedSeed.requireAgrees(given,
            fit, described(false, Map.of(KEY, "9")))).getMessage());
    // xor holds out no validation rows: its --validation is there only to be refused.
    CommandSpec xor = new CommandLine(new Xor()).getCommandSpec();
    assertEquals("--seed 1 contradicts m.safetensors, whose run trained with seed 9 (another"
        + " draws other batch orders than one uninterrupted run); leave out --seed",
        assertThrows(ParameterException.class, () -> LoadedSeed.requireAgrees(given, xor,
            described(false, Map.of(KEY, "9")))).getMessage());
    // The same seed, no seed given, or none recorded: nothing to contradict.
    LoadedSeed.requireAgrees(given, fit, described(false, Map.of(KEY, "1")));
    LoadedSeed.requireAgrees(settings(5, 4), fit, described(false, Map.of(KEY, "9")));
    LoadedSeed.requireAgrees(given, fit, described(false, Map.of()));
  }

  @Test
  void aFileWithoutItsSeedIsNotedWhereItMatters() {
    assertEquals(Optional.of("note: m.safetensors: its \"" + KEY + "\" metadata (x) is not a"
        + " seed; this run trains with seed 1 (--seed's default)"),
        LoadedSeed.note(described(false, Map.of(KEY, "x")), settings(5, 4), 0));
    assertEquals(Optional.of("note: m.safetensors records no seed (saved by an older"
        + " chainrule): this run trains with seed 1 (--seed's default); unless its run did too,"
        + " the batch orders differ from one uninterrupted run's (give its --seed)"),
        LoadedSeed.note(described(false, Map.of()), settings(5, 4), 3));
    assertEquals(Optional.of("note: m.safetensors: its \"" + KEY + "\" metadata (x) is not a"
        + " seed; this run trains with seed 1 (--seed)"),
        LoadedSeed.note(described(false, Map.of(KEY, "x")), settings(5, 4, "--seed"), 3));
    assertEquals(Optional.empty(), LoadedSeed.note(described(false, Map.of()),
        settings(5, 4), 0));
    assertEquals(Optional.empty(), LoadedSeed.note(described(false, Map.of()),
        settings(5, 4, "--seed"), 3));
    assertEquals(Optional.empty(), LoadedSeed.note(described(false, Map.of(KEY, "9")),
        settings(5, 4), 3));
    assertEquals(Optional.empty(), LoadedSeed.note(described(false, Map.of()),
        settings(0, 4), 3));
  }
}
