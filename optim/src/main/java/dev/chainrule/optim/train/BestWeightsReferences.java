package dev.chainrule.optim.train;

import dev.chainrule.optim.checkpoint.AtomicFile;
import dev.chainrule.optim.checkpoint.CheckpointException;
import dev.chainrule.optim.checkpoint.SafeTensors;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Which best-weights files no checkpoint in their folder names, read from the headers of the
 * folder's files ({@value RecordMetadata#BEST_WEIGHTS_FILE}): a file's {@code
 * chainrule.best_weights_of} names the checkpoint it was written for, which a user may have
 * renamed ({@code mv run.safetensors final.safetensors}) or copied beside it; a new run
 * checkpointing to the old name then took that file for its own and deleted it, and the renamed
 * checkpoint could no longer be resumed. Only headers are read, and only when there is a file to
 * delete; a whole header is believed even when the data after it is cut short (a copy under way),
 * and a save's temporary file ({@link AtomicFile#isTemporaryName}) is passed over, as it is no
 * checkpoint yet and one a killed save left stays as it is. In doubt nothing is deleted: a file
 * that may be a checkpoint and whose header cannot be read or parsed (its length field, then
 * fewer bytes than it declares, or malformed JSON), or a folder that cannot be listed, keeps
 * every candidate. A later save tries again, which succeeds only once that file is gone or
 * whole: until then the candidates stay, each a full copy of the model.
 */
final class BestWeightsReferences {
  /**
   * Failures that say a file is not a safetensors file at all (a CSV, a picture, notes: eight
   * bytes of text or a picture's signature are a length over the limit), which names nothing.
   * Every other failure is of a header that may be a checkpoint's: one longer than the file is one
   * cut short (a copy under way), and an unreadable file may be one.
   */
  private static final Set<CheckpointException.Rule> NOT_SAFETENSORS = EnumSet.of(
      CheckpointException.Rule.FILE_TOO_SHORT, CheckpointException.Rule.HEADER_TOO_LARGE,
      CheckpointException.Rule.HEADER_START);

  private BestWeightsReferences() {}

  /**
   * The names among {@code candidates} that no file in {@code folder} but {@code checkpoint}
   * (whose entry its caller knows) and the candidates themselves names.
   *
   * @param folder the checkpoint's folder
   * @param checkpoint the checkpoint's file name
   * @param candidates names of best-weights files in the folder
   * @return those named by no file, in {@code candidates}' order; none when in doubt
   */
  static Set<String> namedByNone(Path folder, String checkpoint, Set<String> candidates) {
    Set<String> unnamed = new LinkedHashSet<>(candidates);
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
      for (Path found : files) {
        String name = String.valueOf(found.getFileName());
        if (unnamed.isEmpty()) {
          break;
        }
        // Through links: a link here to a checkpoint elsewhere resumes with the files beside the
        // link, which it may name.
        if (name.equals(checkpoint) || candidates.contains(name) || AtomicFile.isTemporaryName(name)
            || !Files.isRegularFile(found)) {
          continue;
        }
        try {
          // The header alone: what it names holds whatever the data after it is.
          String named = SafeTensors.headerMetadata(found).get(RecordMetadata.BEST_WEIGHTS_FILE);
          unnamed.remove(named);
        } catch (CheckpointException e) {
          if (!NOT_SAFETENSORS.contains(e.rule())) {
            return Set.of();
          }
        } catch (RuntimeException e) {
          // SafeTensors.headerMetadata refuses any file with a CheckpointException; anything else
          // would be a bug, and the checkpoint is saved: the run is not to end over the files
          // beside it.
          return Set.of();
        }
      }
    } catch (IOException | DirectoryIteratorException | SecurityException e) {
      return Set.of();
    }
    return unnamed;
  }
}
