package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code --csv} that is a named FIFO (as a pipe, {@code /dev/stdin} or a shell's {@code
 * <(...)}, it can be read once) is read exactly once. The program opened it again for its first
 * line: after the data were read (train, predict, and their refusals, to explain the header) the
 * second open blocked forever, the writer having finished; before them ({@code train --load}'s
 * check of the options) the first look drained the rows, and the run's own read blocked (a pipe
 * said "no header row").
 */
class CsvFifoTest {
  /**
   * Far above what these runs take (a second or two for 1 epoch on 40 rows); a run that opens
   * the FIFO a second time never ends, and the bound turns that into a failure.
   */
  private static final Duration BOUND = Duration.ofSeconds(60);

  @TempDir
  Path dir;

  private String rows;

  @BeforeEach
  void rows() {
    StringBuilder text = new StringBuilder("a,b,label\n");
    for (int i = 0; i < 40; i++) {
      text.append(String.format(Locale.ROOT, "%d.%d,%d,%s%n", i % 2 * 5, i, i % 7,
          i % 2 == 0 ? "no" : "yes"));
    }
    rows = text.toString();
  }

  @Test
  void trainReadsAFifoOnce() throws Exception {
    Path fifo = fifo("rows.csv", rows);
    Cli.Result r = assertTimeoutPreemptively(BOUND, () -> Cli.run("train", "--csv",
        fifo.toString(), "--label", "label", "--epochs", "1", "--out", path("o"), "--json"));
    assertEquals(0, r.exitCode(), r.err());
    Path file = Files.writeString(dir.resolve("rows.txt"), rows, StandardCharsets.UTF_8);
    Cli.Result same = Cli.run("train", "--csv", file.toString(), "--label", "label", "--epochs",
        "1", "--out", path("o"), "--json");
    // The same rows and the default seed: the same arithmetic, bit for bit.
    assertEquals(same.number("train_loss"), r.number("train_loss"), r.out());
  }

  @Test
  void trainLoadAndPredictReadAFifoOnce() throws Exception {
    Path model = saved();
    Path fifo = fifo("again.csv", rows);
    Cli.Result r = assertTimeoutPreemptively(BOUND, () -> Cli.run("train", "--load",
        model.toString(), "--csv", fifo.toString(), "--label", "label", "--epochs", "0",
        "--out", path("o"), "--json"));
    assertEquals(0, r.exitCode(), r.err());
    Path next = fifo("new.csv", rows);
    Cli.Result p = assertTimeoutPreemptively(BOUND, () -> Cli.run("predict", "--load",
        model.toString(), "--csv", next.toString(), "--output", path("p.csv")));
    assertEquals(0, p.exitCode(), p.err());
    assertEquals(41, Files.readAllLines(dir.resolve("p.csv")).size(), "a header and 40 rows");
  }

  /** A refusal once the data are read looked at line 1 again to explain it. */
  @Test
  void aRefusalOfAFifoIsTheReadersOwn() throws Exception {
    Path model = saved();
    Path fifo = fifo("other.csv", "x,y\n1,2\n3,4\n");
    Cli.Result r = assertTimeoutPreemptively(BOUND, () -> Cli.run("predict", "--load",
        model.toString(), "--csv", fifo.toString(), "--output", path("p.csv")));
    assertEquals(1, r.exitCode(), r.err());
    assertEquals(List.of("error: other.csv: line 1: no column named \"a\" in the header (x, y)"
        + " (a column the model in m.safetensors was trained on)"), r.err().lines().toList());
  }

  /**
   * A --label position needs the header, which train --load cannot look at before the run's one
   * read of a FIFO: refused, naming the label to give instead. The look before the read found
   * no header in a FIFO (its channel stream fails with "Illegal seek"), and -1, compared as typed,
   * was said to contradict the model whose label it names.
   */
  @Test
  void aLabelPositionWithAFifoIsAskedForByName() throws Exception {
    Path model = saved();
    Path fifo = fifo("pos.csv", rows);
    Cli.Result r = assertTimeoutPreemptively(BOUND, () -> Cli.run("train", "--load",
        model.toString(), "--csv", fifo.toString(), "--label", "-1", "--epochs", "0",
        "--out", path("o")));
    assertEquals(2, r.exitCode(), r.err());
    assertEquals("error: --label -1: --csv " + fifo + " is not a regular file (a pipe or a FIFO,"
        + " read once), so a column's position cannot be matched with m.safetensors's label"
        + " before the rows are read; give the label by its name, label (see 'chainrule train"
        + " --help')",
        r.err().lines().findFirst().orElseThrow());
  }

  private Path saved() throws IOException {
    Path csv = Files.writeString(dir.resolve("saved.csv"), rows, StandardCharsets.UTF_8);
    Cli.Result r = Cli.run("train", "--csv", csv.toString(), "--label", "label", "--epochs",
        "1", "--save", path("m.safetensors"), "--out", path("o"), "--json");
    assertEquals(0, r.exitCode(), r.err());
    return dir.resolve("m.safetensors");
  }

  private String path(String name) {
    return dir.resolve(name).toString();
  }

  /**
   * A FIFO that a daemon thread fills with {@code text} once a reader opens it, and then closes,
   * as {@code cat file > fifo &} does. A daemon: a run refused before it reads the FIFO leaves
   * the writer waiting for a reader, and the test's JVM must still end.
   */
  private Path fifo(String name, String text) throws Exception {
    Path fifo = dir.resolve(name);
    assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0,
        "mkfifo is available");
    Thread writer = new Thread(() -> {
      try {
        Files.writeString(fifo, text, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, "fifo writer");
    writer.setDaemon(true);
    writer.start();
    return fifo;
  }
}
