package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chainrule.core.Tensors;
import dev.chainrule.optim.checkpoint.SafeTensors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files {@code --save} and {@code predict --output} write: what they refuse and replace. */
class OutputFilesTest {
  @TempDir
  Path dir;

  @Test
  void aFifoIsNotReplacedByASavedModel() throws Exception {
    Path fifo = dir.resolve("pipe");
    assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0,
        "mkfifo is available");
    Cli.Result r = Cli.run("xor", "--epochs", "1", "--save", fifo.toString(), "--out",
        dir.resolve("out").toString());
    // A path of the wrong kind for --save: a usage error, as a folder or a data file there is.
    assertEquals(2, r.exitCode(), r.out());
    assertEquals(List.of("error: --save " + fifo + " is not a regular file (a device, a FIFO or"
        + " a socket); give the path of a file to create or replace (see 'chainrule xor"
        + " --help')"), r.err().lines().toList());
    assertEquals("", r.out(), "refused before training");
    assertTrue(Files.exists(fifo) && !Files.isRegularFile(fifo), "still the FIFO");
  }

  /** A folder given for a file is refused with a name for the kind of file each option writes. */
  @Test
  void aFolderGivenForPredictionsIsAskedForACsvFileName() throws Exception {
    Path model = Files.writeString(dir.resolve("model.safetensors"), "checked after --output");
    Path csv = Files.writeString(dir.resolve("new.csv"), "x\n1\n");
    Cli.Result r = Cli.run("predict", "--load", model.toString(), "--csv", csv.toString(),
        "--output", dir.toString());
    assertEquals(2, r.exitCode(), r.out());
    assertEquals(List.of("error: --output " + dir + " is a folder; give a file name, such as "
        + dir.resolve("predictions.csv") + " (see 'chainrule predict --help')"),
        r.err().lines().toList());
  }

  /**
   * Predictions written under a file-size limit smaller than them: the write fails part-way, and
   * the previous file must be whole.
   */
  @Test
  void aFailedOutputLeavesThePreviousPredictionsWhole() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "bash sets the file-size limit");
    StringBuilder labelled = new StringBuilder("a,b,y\n");
    for (int i = 0; i < 40; i++) {
      labelled.append(i).append(',').append(2 * i).append(',').append(i % 2 == 0 ? "cat" : "dog")
          .append('\n');
    }
    Path model = dir.resolve("pets.safetensors");
    Cli.Result trained = Cli.run("train", "--csv",
        Files.writeString(dir.resolve("pets.csv"), labelled).toString(), "--label", "y",
        "--epochs", "1", "--save", model.toString(), "--out", dir.resolve("out").toString());
    assertEquals(0, trained.exitCode(), trained.err());
    StringBuilder rows = new StringBuilder("a,b\n");
    for (int i = 0; i < 2000; i++) {
      rows.append(i % 40).append(',').append(i % 80).append('\n');
    }
    Path csv = Files.writeString(dir.resolve("new.csv"), rows);
    Path output = dir.resolve("predictions.csv");
    // Earlier predictions, with predict's whole header: the only CSV --output replaces.
    String previous = "line,predicted,probability\n2,cat,0.9000\n";
    Files.writeString(output, previous);

    // 8 blocks of 1 KiB: the 2,000 predictions are larger, the previous file is not.
    assertEquals(List.of("error: --output " + output + ": cannot write the file (File too large);"
        + " any previous file there is left as it was"), failsUnderFileSizeLimit(8, List.of(),
        "predict", "--load", model.toString(), "--csv", csv.toString(), "--output",
        output.toString()));
    assertEquals(previous, Files.readString(output), "the previous file is whole");
    try (Stream<Path> files = Files.list(dir)) {
      assertFalse(files.anyMatch(f -> f.getFileName().toString().endsWith(".tmp")),
          "no temporary file is left");
    }

    // Without the limit the same command replaces the file with every prediction.
    Cli.Result written = Cli.run("predict", "--load", model.toString(), "--csv", csv.toString(),
        "--output", output.toString());
    assertEquals(0, written.exitCode(), written.err());
    assertEquals(2001, Files.readAllLines(output).size(), "a header and 2,000 predictions");
  }

  /**
   * predict replaces earlier predictions only: a checkpoint or a data file given to --output by
   * mistake was replaced without a word (train's --save keeps a file that is no checkpoint), and
   * so was a data file whose header starts with "line,".
   */
  @Test
  void predictionsReplaceNoCheckpointAndNoData() throws Exception {
    StringBuilder labelled = new StringBuilder("a,y\n");
    for (int i = 0; i < 20; i++) {
      labelled.append(i).append(',').append(i % 2 == 0 ? "cat" : "dog").append('\n');
    }
    Path data = Files.writeString(dir.resolve("pets.csv"), labelled);
    Path model = dir.resolve("pets.safetensors");
    Path other = dir.resolve("other.safetensors");
    for (Path file : List.of(model, other)) {
      assertEquals(0, Cli.run("train", "--csv", data.toString(), "--label", "y", "--epochs", "1",
          "--save", file.toString(), "--out", dir.resolve("out").toString()).exitCode());
    }
    Path rows = Files.writeString(dir.resolve("rows.csv"), "a\n3\n");
    // A data file whose first column is called "line" was replaced: predict matched the first
    // word of its header, not the whole line.
    Path readings = Files.writeString(dir.resolve("readings.csv"),
        "line,station,reading\n1,a,3.2\n2,b,4.1\n");
    for (Path kept : List.of(other, data, readings)) {
      byte[] before = Files.readAllBytes(kept);
      Cli.Result r = Cli.run("predict", "--load", model.toString(), "--csv", rows.toString(),
          "--output", kept.toString());
      assertEquals(2, r.exitCode(), r.out());
      assertTrue(r.err().contains("--output " + kept + " would replace a file that predict did"
          + " not write"), r.err());
      assertArrayEquals(before, Files.readAllBytes(kept), kept + " is kept");
    }
    // Its own predictions, CSV or JSON lines, and an empty file it replaces.
    Path predictions = dir.resolve("predictions.csv");
    for (String json : List.of("--json", "--verbose", "--json")) {
      Cli.Result r = Cli.run("predict", "--load", model.toString(), "--csv", rows.toString(),
          "--output", predictions.toString(), json);
      assertEquals(0, r.exitCode(), r.err());
    }
    Files.writeString(predictions, "");
    assertEquals(0, Cli.run("predict", "--load", model.toString(), "--csv", rows.toString(),
        "--output", predictions.toString()).exitCode());
    assertTrue(Files.readString(predictions).startsWith("line,"));
  }

  /**
   * xor and the training commands (here iris) save through one path: a model larger than the
   * file-size limit fails as --save's write, after the run, and the previous file stays whole.
   * 64 KiB holds every picture; the networks' weights and Adam's two moments are about 390 KB.
   * The limit is the process's, so the rescue file in the temporary folder fails too, and the
   * message says so (SavedModelsRescueTest has a rescue that succeeds).
   */
  @Test
  void aFailedSaveLeavesThePreviousModelWhole() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "bash sets the file-size limit");
    Path rescues = Files.createDirectory(dir.resolve("rescues"));
    for (String command : List.of("xor", "iris")) {
      // A checkpoint, which --save replaces (another kind of file it refuses before the run).
      Path model = dir.resolve(command + ".safetensors");
      SafeTensors.write(model, Map.of("previous", Tensors.zeros(1)));
      byte[] previous = Files.readAllBytes(model);
      assertEquals(List.of("error: --save " + model + ": cannot write the file (File too large);"
          + " any previous file there is left as it was; the trained model is lost, as a rescue"
          + " file in " + rescues + " could not be written either (File too large)"),
          failsUnderFileSizeLimit(64, List.of("-Djava.io.tmpdir=" + rescues), command,
          "--hidden", command.equals("xor") ? "4096" : "2000", "--epochs", "1", "--save",
          model.toString(), "--out", dir.resolve(command).toString()));
      assertArrayEquals(previous, Files.readAllBytes(model), command);
      try (Stream<Path> left = Files.list(rescues)) { // netlib unpacks its JNI library there
        assertEquals(List.of(), left.filter(f -> f.getFileName().toString().startsWith("chainrule"))
            .toList(), "the failed rescue's file is removed");
      }
    }
  }

  /**
   * The program's lines on standard error when run in a process of its own under {@code ulimit -f
   * kib}, with more JVM options, which must exit with 1. Only a separate process can have its own
   * limit; the JVM ignores SIGXFSZ, so a write past it fails with "File too large". The process's
   * temporary folder is this test's (unless {@code jvmOptions} name another): netlib, loading the
   * native BLAS, copies its 92 KB JNI library to one, and a copy cut short by the limit was left
   * in the machine's /tmp by every run.
   */
  private List<String> failsUnderFileSizeLimit(int kib, List<String> jvmOptions,
      String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("/bin/bash", "-c",
        "ulimit -f " + kib + " && exec \"$@\"", "bash",
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:-UsePerfData",
        "-cp", System.getProperty("java.class.path"), "-Djava.io.tmpdir=" + dir));
    command.addAll(jvmOptions);
    command.add("dev.chainrule.examples.Main");
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectOutput(dir.resolve("stdout").toFile())
        .redirectError(dir.resolve("stderr").toFile()).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), args[0] + " ends");
    String err = Files.readString(dir.resolve("stderr"), StandardCharsets.UTF_8);
    assertEquals(1, p.exitValue(), err);
    return err.lines().toList();
  }
}
