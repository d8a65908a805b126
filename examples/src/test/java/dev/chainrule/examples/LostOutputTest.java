package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Standard output that cannot be written makes the run fail, never exit 0 having said nothing. */
class LostOutputTest {
  /** A device that refuses every byte, as /dev/full or a closed pipe does. */
  private static OutputStream refusing(String why) {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException(why);
      }

      @Override
      public void write(byte[] bytes, int offset, int length) throws IOException {
        throw new IOException(why);
      }
    };
  }

  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

  private String err() {
    return errBytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aFullDeviceFailsTheRunAndSaysWhy() {
    int code = Main.run(new String[] {"--version"},
        ProcessStream.over(refusing("No space left on device")), err);

    assertEquals(Main.FAILURE, code, err());
    assertEquals("error: could not write to standard output: No space left on device; what it"
        + " printed is incomplete\n", err());
  }

  @Test
  void aReaderThatStoppedReadingEndsTheRunAsSigpipeWould() {
    int code = Main.run(new String[] {"--version"},
        ProcessStream.over(refusing("Broken pipe")), err);

    assertEquals(Main.BROKEN_PIPE, code);
    assertEquals("", err(), "the reader's choice, not an error to report");
  }

  /**
   * A training run whose reader read its first line and went, as {@code xor | head -1}: the run
   * stops at its next write, as a tool that SIGPIPE ended, instead of training every epoch it was
   * asked for and printing its lines into the void (31 more writes, one for each later line,
   * before the program stopped at the first).
   */
  @Test
  void aRunStopsAtItsFirstWriteAfterTheReaderWent() {
    int[] refusedWrites = {0};
    OutputStream firstLineOnly = new OutputStream() {
      private boolean lineRead;

      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] bytes, int offset, int length) throws IOException {
        if (lineRead) {
          refusedWrites[0]++;
          throw new IOException("Broken pipe");
        }
        lineRead = new String(bytes, offset, length, StandardCharsets.UTF_8).contains("\n");
      }
    };

    int code = Main.run(new String[] {"xor"}, ProcessStream.over(firstLineOnly), err);

    assertEquals(Main.BROKEN_PIPE, code, err());
    assertEquals("", err(), "the reader's choice, not an error to report");
    assertEquals(1, refusedWrites[0], "writes after the reader went");
  }

  /**
   * With --json the JSON line is the run's one write to standard output, and it comes after the
   * save: a reader that went ({@code | head -0}) ends the run there, with its model saved and no
   * picture drawn, as the README says (it said that the run stops before it saves).
   */
  @Test
  void withJsonTheModelIsSavedBeforeTheOneWrite(@TempDir Path dir) throws IOException {
    Path data = Files.writeString(dir.resolve("pets.csv"), RefusedInputs.csv(
        RefusedInputs.alternating(40)));
    Path model = dir.resolve("pets.safetensors");
    Path out = dir.resolve("o");
    int code = Main.run(new String[] {"train", "--csv", data.toString(), "--label", "y",
        "--epochs", "1", "--json", "--save", model.toString(), "--out", out.toString()},
        ProcessStream.over(refusing("Broken pipe")), err);

    assertEquals(Main.BROKEN_PIPE, code, err());
    assertTrue(Files.exists(model), "saved before the JSON line");
    try (var pictures = Files.list(out)) {
      assertEquals(0, pictures.count(), "drawn after it");
    }
    assertTrue(err().contains("saved " + model), err());
  }

  /**
   * predict's scores go to standard error when the predictions are standard output: with the
   * predictions lost ({@code predict > /dev/full}), the line "accuracy ... (... of 40)" came
   * first, a run that read as delivered, and the failure after it. The failure is now all it says.
   */
  @Test
  void predictTellsTheLostPredictionsAndNoScore(@TempDir Path dir) throws IOException {
    Path data = Files.writeString(dir.resolve("pets.csv"), RefusedInputs.csv(
        RefusedInputs.alternating(40)));
    Path model = dir.resolve("pets.safetensors");
    assertEquals(0, Cli.run("train", "--csv", data.toString(), "--label", "y", "--epochs", "1",
        "--save", model.toString(), "--out", dir.resolve("o").toString()).exitCode());

    int code = Main.run(new String[] {"predict", "--load", model.toString(), "--csv",
        data.toString()}, ProcessStream.over(refusing("No space left on device")), err);

    assertEquals(Main.FAILURE, code, err());
    assertEquals("error: could not write to standard output: No space left on device; what it"
        + " printed is incomplete\n", err());
  }

  @Test
  void anyStreamThatLostOutputFailsEvenWithoutTheCause() {
    int code = Main.run(new String[] {"--version"},
        new PrintStream(refusing("gone"), true, StandardCharsets.UTF_8), err);

    assertEquals(Main.FAILURE, code);
    assertTrue(err().startsWith("error: could not write to standard output; "), err());
  }

  /** A command that prints a line, then ends with its own code. */
  @Command(name = "printing")
  static final class Printing implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      spec.commandLine().getOut().println("a figure");
      return 3;
    }
  }

  /** A run whose command ended with a code of its own keeps it, and the lost output is said. */
  @Test
  void aRunThatFailedKeepsItsOwnCode() {
    int code = Main.execute(new CommandLine(new Printing()), new String[0],
        ProcessStream.over(refusing("No space left on device")), err);

    assertEquals(3, code);
    assertTrue(err().startsWith("error: could not write to standard output: No space left on"
        + " device"), err());
  }

  @Test
  void aWrittenOutputStillExitsZero() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"--version"}, ProcessStream.over(out), err);

    assertEquals(0, code, err());
    assertEquals("chainrule 0.1.0\n", out.toString(StandardCharsets.UTF_8));
  }
}
