package dev.chainrule.optim.checkpoint;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Removes the temporary files that saves of one target killed before their rename left behind
 * ({@code .<name>.<16 hex digits>.tmp}, one per kill: a loop of killed 5.6 MB checkpoint saves
 * left 20 of them that nothing deleted), after a save of that target has succeeded.
 *
 * <p>Only files unmodified for {@link #STALE_AFTER} are removed, as a save that is still under
 * way, another process's, owns the one it writes: it writes every 64 kB, and forces and renames
 * the file straight after the last. A writer stalled that long (a process stopped, a suspended
 * machine) finds its file gone at its rename, and its save fails with an error, leaving its
 * target as it was: no file is ever replaced by part of one. The names are matched exactly, the
 * stem and a random part of 16 hex digits, so another file's temporary files (whose stem differs)
 * and a user's own files are left alone, as are links and folders of such names. Failures are
 * ignored: the save itself succeeded, and a file left is only the space it takes.
 */
final class StaleTempFiles {
  private StaleTempFiles() {}

  /**
   * How long a temporary file must have gone unmodified to be a killed save's: far longer than
   * any live save goes without writing to it, and than clocks of a shared file system differ.
   */
  static final Duration STALE_AFTER = Duration.ofHours(1);

  /** A temporary file's name after its stem: the random part and the suffix. */
  private static final Pattern RANDOM_TAIL = Pattern.compile("[0-9a-f]{16}\\.tmp");

  /**
   * Deletes the regular files of {@code folder} named {@code prefix}, 16 hex digits and {@code
   * .tmp}, last modified before {@code now} less {@link #STALE_AFTER}.
   *
   * @param folder the target's folder
   * @param prefix the target's temporary files' names up to their random part: {@code .<stem>.}
   * @param now the time the age is measured from
   * @return how many were deleted
   */
  static int remove(Path folder, String prefix, Instant now) {
    Instant before = now.minus(STALE_AFTER);
    int deleted = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, path -> {
      String name = path.getFileName().toString();
      return name.startsWith(prefix)
          && RANDOM_TAIL.matcher(name.substring(prefix.length())).matches();
    })) {
      for (Path file : files) {
        deleted += deleteIfStale(file, before) ? 1 : 0;
      }
    } catch (IOException | RuntimeException e) {
      // A folder that cannot be listed (its read permission taken away): nothing to remove.
    }
    return deleted;
  }

  private static boolean deleteIfStale(Path file, Instant before) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
          LinkOption.NOFOLLOW_LINKS);
      if (!attributes.isRegularFile()
          || !attributes.lastModifiedTime().toInstant().isBefore(before)) {
        return false;
      }
      return Files.deleteIfExists(file);
    } catch (IOException e) {
      return false;  // gone already (another save's sweep), or not ours to delete
    }
  }
}
