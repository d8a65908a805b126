package dev.chainrule.examples.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Tensor;
import dev.chainrule.examples.cli.Console;
import dev.chainrule.examples.cli.Failure;
import dev.chainrule.optim.checkpoint.CheckpointException;
import dev.chainrule.optim.checkpoint.SafeTensors;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code --save} that fails after the run: the trained model goes to a rescue file, or the
 * message says it could not. The failures are real: a path under a regular file cannot be
 * written ("not a directory"), as a full disk cannot be made in a test.
 */
class SavedModelsRescueTest {
  private static final Map<String, Tensor> MODEL = Map.of("weight", Tensor.vector(1, 2, 3));
  private static final Consumer<Path> WRITE = file -> SafeTensors.write(file, MODEL);

  @TempDir
  Path dir;

  private final StringWriter printed = new StringWriter();
  private final Console console = new Console(new PrintWriter(printed, true), false);

  @Test
  void aWriteThatSucceedsSaysWhereTheModelIs() {
    Path target = dir.resolve("model.safetensors");
    SavedModels.save(target, dir, console, WRITE);
    assertEquals(MODEL, SafeTensors.read(target).tensors());
    assertEquals("saved " + target, printed.toString().strip());
  }

  @Test
  void aFailedSaveRescuesTheModelIntoTheRescueFolder() throws IOException {
    Path target = notADirectory().resolve("model.safetensors");
    Path rescues = Files.createDirectory(dir.resolve("rescues"));
    Failure failure = assertThrows(Failure.class,
        () -> SavedModels.save(target, rescues, console, WRITE));
    List<Path> rescued = filesIn(rescues);
    assertEquals(1, rescued.size(), "one rescue file");
    assertEquals(MODEL, SafeTensors.read(rescued.get(0)).tensors(),
        "the rescue holds what --save would have");
    assertEquals("--save " + target + ": cannot write the file (not a directory); any previous"
        + " file there is left as it was; the trained model is saved in " + rescued.get(0)
        + " instead", failure.getMessage());
    assertTrue(rescued.get(0).getFileName().toString().endsWith(".safetensors"),
        "named as a checkpoint, so --load and inspect take it");
    assertEquals("", printed.toString(), "nothing claims a save");
  }

  @Test
  void aRescueThatFailsTooSaysTheModelIsLost() throws IOException {
    Path target = notADirectory().resolve("model.safetensors");
    Path rescues = notADirectory();
    Failure failure = assertThrows(Failure.class,
        () -> SavedModels.save(target, rescues, console, WRITE));
    assertEquals("--save " + target + ": cannot write the file (not a directory); any previous"
        + " file there is left as it was; the trained model is lost, as a rescue file in "
        + rescues + " could not be written either (not a directory)", failure.getMessage());
  }

  @Test
  void aFailureThatIsNotTheFileSystemsIsNotRescued() {
    IllegalStateException bug = new IllegalStateException("a bug, not a full disk");
    Consumer<Path> write = file -> {
      throw bug;
    };
    assertEquals(bug, assertThrows(IllegalStateException.class,
        () -> SavedModels.save(dir.resolve("m.safetensors"), dir, console, write)));
    assertEquals(List.of(), filesIn(dir), "nothing written anywhere");
  }

  @Test
  void aCheckpointRuleOtherThanTheFileSystemsIsNotRescued() throws IOException {
    Path text = Files.writeString(dir.resolve("notes.safetensors"), "plain text, not a model");
    Consumer<Path> write = file -> SafeTensors.read(text); // breaks a format rule, as a bug would
    CheckpointException e = assertThrows(CheckpointException.class,
        () -> SavedModels.save(dir.resolve("m.safetensors"), dir, console, write));
    assertTrue(e.rule() != CheckpointException.Rule.IO_ERROR, e.getMessage());
    assertEquals(List.of(text), filesIn(dir), "no rescue file");
  }

  /** A regular file, under which no file can be created. */
  private Path notADirectory() throws IOException {
    return Files.createTempFile(dir, "plain", ".txt");
  }

  private static List<Path> filesIn(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files.toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
