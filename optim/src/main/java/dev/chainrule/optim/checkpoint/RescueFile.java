package dev.chainrule.optim.checkpoint;

import static com.google.common.base.Preconditions.checkNotNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Where a trained model goes when it cannot be written where it was asked to (a full disk, a
 * name too long for the file system): a new file in another folder, usually the temporary one,
 * so that a long run is not lost to a failure that comes only after it. Programs name the file
 * in their error message.
 */
public final class RescueFile {
  /** How every rescue file's name begins; it ends in {@code .safetensors}. */
  public static final String PREFIX = "chainrule-rescued-";

  private RescueFile() {}

  /**
   * The system's temporary folder ({@code java.io.tmpdir}), where programs put rescue files.
   *
   * @return the folder
   */
  public static Path temporaryFolder() {
    return Path.of(System.getProperty("java.io.tmpdir"));
  }

  /**
   * Rescues a model that could not be written where it was asked to, and says what became of
   * it, in the words programs end their error message with: "the trained model is saved in F
   * instead", or "the trained model is lost, as a rescue file in D could not be written either
   * (why)".
   *
   * @param folder where to create the rescue file
   * @param write writes the checkpoint to the file it is given
   * @param reason the program's words for a file system's failure
   * @param failure the program's report of the first failure: a failed rescue's exception is
   *     added to it as suppressed
   * @return the words
   * @throws CheckpointException when writing fails for another reason than the file system's
   */
  public static String rescue(Path folder, Consumer<Path> write,
      Function<IOException, String> reason, Throwable failure) {
    try {
      return "the trained model is saved in " + write(folder, write) + " instead";
    } catch (IOException again) {
      failure.addSuppressed(again);
      return "the trained model is lost, as a rescue file in " + folder
          + " could not be written either (" + reason.apply(again) + ")";
    }
  }

  /**
   * Writes into a new {@code chainrule-rescued-*.safetensors} file of {@code folder}.
   *
   * @param folder where to create the file
   * @param write writes the checkpoint to the file it is given (as {@link ModelCheckpoint#save}
   *     does)
   * @return the file written
   * @throws IOException when the file cannot be created or written; nothing is left behind
   * @throws CheckpointException when writing fails for another reason than the file system's,
   *     which is a bug to show, not a place to try
   */
  public static Path write(Path folder, Consumer<Path> write) throws IOException {
    checkNotNull(folder, "rescue: folder is null");
    checkNotNull(write, "rescue: write is null");
    Path file = Files.createTempFile(folder, PREFIX, ".safetensors");
    try {
      write.accept(file);
      return file;
    } catch (CheckpointException e) {
      Files.deleteIfExists(file);
      throw e.fileSystemFailure().orElseThrow(() -> e);
    } catch (RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
  }
}
