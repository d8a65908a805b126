package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.examples.cli.MemoryOptions;
import dev.chainrule.examples.commands.Commands;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * An out-of-memory error's advice names the options that size the running command's model and
 * data. It said "try smaller --hidden widths or --batch-size" for every command, so {@code blobs
 * --points 300000000} was sent to options that were not the cause, and {@code predict} to options
 * it does not have.
 */
class OutOfMemoryAdviceTest {
  private static String failure(Object command) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.execute(new CommandLine(command), new String[0],
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(1, code);
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theAdviceNamesTheCommandsOwnOptions() {
    String points = failure(new Sized());
    assertTrue(points.contains("; try smaller --points, --hidden widths or --batch-size, or give"
        + " Java more memory (twice as much: java -Xmx"), points);
    assertEquals(1, points.lines().count(), points);

    // A command whose options do not size it (predict's size is its file's) names none.
    String plain = failure(new Unsized());
    assertTrue(plain.startsWith("error: out of memory: the model or the data needs more than"),
        plain);
    assertTrue(plain.contains(" here; give Java more memory (twice as much"), plain);
    assertFalse(plain.contains("--hidden") || plain.contains("--batch-size"), plain);
  }

  /**
   * The program's own commands: blobs names --points; fashion-mnist, --limit; predict, none;
   * train, the network's.
   */
  @Test
  void blobsAndFashionMnistNameTheirDataAndPredictNothing() {
    CommandLine cli = new CommandLine(new Main());
    Commands.addTo(cli);
    assertEquals("--points, --hidden widths or --batch-size",
        ((MemoryOptions) cli.getSubcommands().get("blobs").getCommand()).memoryOptions());
    assertEquals("--hidden widths or --batch-size",
        ((MemoryOptions) cli.getSubcommands().get("train").getCommand()).memoryOptions());
    // Errors' comment promised --limit for fashion-mnist, which named only the network's.
    assertEquals("--limit, --hidden widths or --batch-size",
        ((MemoryOptions) cli.getSubcommands().get("fashion-mnist").getCommand())
            .memoryOptions());
    assertFalse(cli.getSubcommands().get("predict").getCommand() instanceof MemoryOptions);
  }

  @Command(name = "sized")
  static final class Sized implements Callable<Integer>, MemoryOptions {
    @Override
    public Integer call() {
      throw new OutOfMemoryError("Java heap space");
    }

    @Override
    public String memoryOptions() {
      return "--points, --hidden widths or --batch-size";
    }
  }

  @Command(name = "unsized")
  static final class Unsized implements Callable<Integer> {
    @Override
    public Integer call() {
      throw new OutOfMemoryError("Java heap space");
    }
  }
}
