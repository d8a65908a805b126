package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.UnmatchedArgumentException;

/** What a mistyped command or option may have meant, from the words the program knows. */
class SuggestionsTest {
  @Command(name = "fit")
  static final class Fit {
    @Option(names = "--csv")
    String csv;
    @Option(names = "--lr")
    double lr;
    @Option(names = "--batch-size")
    int batchSize;
    @Option(names = "--max-epochs")
    int maxEpochs;
    @Option(names = {"-h", "--help"}, usageHelp = true)
    boolean help;
  }

  private static List<String> suggested(String option) {
    CommandLine cli = new CommandLine(new Fit());
    UnmatchedArgumentException e = assertThrows(UnmatchedArgumentException.class,
        () -> cli.parseArgs(option, "1"));
    return Suggestions.options(e, cli.getCommandSpec());
  }

  @Test
  void commandsWithinTwoEditsAreSuggested() {
    List<String> commands = List.of("xor", "iris", "gates");
    assertEquals(List.of("xor"), Suggestions.commands("xo", commands));
    assertEquals(List.of("gates"), Suggestions.commands("gatesxx", commands));
    assertEquals(List.of(), Suggestions.commands("gatesxxx", commands));
  }

  @Test
  void aSwapOfLettersIsASlip() {
    assertEquals(List.of("--csv"), suggested("--cvs"));
  }

  @Test
  void aSpelledOutNameOrASlipOfItIsTheAbbreviation() {
    assertEquals(List.of("--lr"), suggested("--learning-rate"));
    assertEquals(List.of("--lr"), suggested("--learnig-rate=0.1"));
  }

  /** Short names are one edit from others at two: only one edit counts for them. */
  @Test
  void aShortNameIsASlipOfOneEditOnly() {
    assertEquals(List.of("--lr"), suggested("--lx"));
    assertEquals(List.of("--csv"), suggested("--CSX"));
    assertEquals(List.of(), suggested("--qq"));
  }

  @Test
  void anOptionWhoseNameHoldsTheWordIsSuggested() {
    assertEquals(List.of("--max-epochs"), suggested("--epochs"));
    assertEquals(List.of("--batch-size"), suggested("--size"));
  }
}
