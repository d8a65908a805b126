package dev.chainrule.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.chainrule.core.DType;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * A training command's defaults, as its options take them and --help shows them; and the
 * word-valued options read in any case.
 */
class DefaultsAndWordsTest {
  @Command(name = "fit")
  static final class Fit {
    @Mixin
    TrainingOptions training;
    @Option(names = "--points")
    int points = 7;
    @Parameters(arity = "0..1")
    String file;
  }

  private static final Defaults DEFAULTS = new Defaults(20, 16, 0.003, "adam", List.of(8, 4),
      "tanh", 42, DType.FLOAT32);

  @Test
  void unsetOptionsTakeTheCommandsDefaults() {
    Fit fit = new Fit();
    CommandLine cli = new CommandLine(fit)
        .setDefaultValueProvider(new DefaultsProvider("fit", DEFAULTS));
    cli.parseArgs();
    TrainingOptions options = fit.training;
    assertEquals(20, options.epochs);
    assertEquals(16, options.batchSize);
    assertEquals(0.003, options.learningRate);
    assertEquals("adam", options.optimizer);
    assertEquals(List.of(8, 4), options.hidden);
    assertEquals("tanh", options.activation);
    assertEquals(42, options.seed);
    assertEquals("float32", options.dtype);
    assertEquals(Path.of("chainrule-out/fit"), options.out);
    // The command's own options and parameters keep their own defaults.
    assertEquals(7, fit.points);
    DefaultsProvider provider = new DefaultsProvider("fit", DEFAULTS);
    assertNull(provider.defaultValue(cli.getCommandSpec().findOption("--points")));
    assertNull(provider.defaultValue(cli.getCommandSpec().positionalParameters().get(0)));
  }

  @Test
  void wordsAreReadInAnyCaseAndOthersKeptAsTyped() {
    assertEquals("regression", new Words.Task().convert("Regression"));
    assertEquals("Ranking", new Words.Task().convert("Ranking"));
    assertEquals("drop", new Words.Missing().convert("DROP"));
    assertEquals("transpose", new Words.Mutation().convert("Transpose"));
  }
}
