package dev.chainrule.optim.checkpoint;

import static com.google.common.base.Preconditions.checkNotNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

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
