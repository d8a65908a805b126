package dev.chainrule.optim.checkpoint;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Replaces a file so that readers see the old content or the new, never a mixture: the new content
 * goes to a temporary file in the same folder (so the rename cannot cross file systems), is forced
 * to the device, and is then renamed over the target in one atomic step; the folder is forced
 * afterwards so the rename itself survives a power cut.
 *
 * <p>If the body or any step before the rename fails, the temporary file is deleted and the target
 * is untouched. A process killed before the rename leaves the target untouched and may leave a
 * stray {@code .<name>.<random>.tmp} beside it, which nothing reads, and which the next successful
 * save of that target deletes once it has gone unmodified for an hour ({@link StaleTempFiles}: a
 * live save's own is never that old); the temporary file's name is
 * the target's cut to be no longer than it ({@link FileNames}), so every name the file system
 * takes can be saved. A target that exists and this user may not write is refused, as the rename
 * would replace it regardless of its permissions. Checkpoints are written this way, and so are
 * the program's pictures.
 */
public final class AtomicFile {
  /** Links followed before giving up, as Linux's ELOOP limit. */
  private static final int MAX_LINKS = 40;
  /** The hex digits of a temporary file's random part: always 16, so its name's length is known. */
  private static final String RANDOM = "%016x";
  /** Every name {@link #tempName} gives: {@code .<stem>.<16 hex digits>.tmp}. */
  private static final Pattern TEMP_NAME = Pattern.compile("\\..*\\.[0-9a-f]{16}\\.tmp",
      Pattern.DOTALL);
  /** A temporary file's name but the target's: two dots, the random part and the suffix. */
  private static final int TEMP_OVERHEAD = ".".length() + ".".length() + 16 + ".tmp".length();

  /** Writes the content of the file; it may throw, and then nothing is replaced. */
  @FunctionalInterface
  public interface Body {
    /**
     * Writes the whole content.
     *
     * @param out the stream to the temporary file (buffered; closed by the caller)
     * @throws IOException when writing fails, which leaves the target as it was
     */
    void writeTo(OutputStream out) throws IOException;
  }

  /** What a target that is neither a file nor missing is, for both checks' messages. */
  private static final String SPECIAL_FILE = "is not a regular file (a device, a FIFO or a socket)";
  private static final String GIVE_A_FILE = "give the path of a file to create or replace";
  /** A target this user may not write, which the rename would replace regardless. */
  private static final String READ_ONLY = "the file is read-only (not writable by this user);"
      + " make it writable to replace it, or give another file";

  private AtomicFile() {}

  /**
   * Refuses, before any work that would end in writing it, a target that {@link #whyUnwritable}
   * finds fault with (a trainer's periodic checkpoint, first written after an epoch's work).
   *
   * @param what the target, as messages name it ("trainer: the checkpoint file")
   * @param target the file to write later
   * @throws IllegalArgumentException naming the target and what is wrong with it
   */
  public static void requireWritable(String what, Path target) {
    whyUnwritable(target).ifPresent(why -> {
      throw new IllegalArgumentException(what + " " + target + why);
    });
  }

  /**
   * What keeps {@code target} from being written by {@link #write}, to follow its name in a
   * message: a folder there, a special file (replaced by a rename, a device or a FIFO would
   * silently become a regular file), a folder that is missing, is a file, or is not writable, a
   * file this user may not write ({@link Files#isWritable}, which root passes), or a name, the
   * target's or the temporary file's the save would make, the file system refuses.
   *
   * @param target the file to write later
   * @return the fault, as " is a folder; give a file name" or ": the folder F does not exist",
   *     or empty when the file can be written
   */
  public static Optional<String> whyUnwritable(Path target) {
    if (Files.isDirectory(target)) {
      return Optional.of(" is a folder; give a file name");
    }
    if (Files.exists(target) && !Files.isRegularFile(target)) {
      return Optional.of(" " + SPECIAL_FILE + "; " + GIVE_A_FILE);
    }
    // The file write replaces: through symbolic links, as write follows them. A link into a
    // missing folder, or a cycle of links, passed here and failed the write after the work.
    Path file;
    try {
      file = followLinks(target.toAbsolutePath());
    } catch (IOException e) {
      return Optional.of(": " + IoFailures.describe(e, target.toAbsolutePath().toString()));
    }
    Path folder = file.getParent();
    if (!Files.exists(folder)) {
      return Optional.of(": the folder " + folder + " does not exist" + (file.equals(
          target.toAbsolutePath()) ? "" : " (the symbolic link leads to " + file + ")"));
    }
    if (!Files.isDirectory(folder)) {
      return Optional.of(": " + folder + (Files.isRegularFile(folder)
          ? " is a file, not a folder" : " is not a folder (a device, a FIFO or a socket)"));
    }
    if (!Files.isWritable(folder)) {
      return Optional.of(": the folder " + folder + " is not writable");
    }
    // The rename replaces a file whatever its own permissions say: a read-only file was silently
    // replaced by a save.
    if (Files.exists(file) && !Files.isWritable(file)) {
      return Optional.of(": " + READ_ONLY + (file.equals(target.toAbsolutePath()) ? ""
          : " (the symbolic link leads to " + file + ")"));
    }
    // Asking for a file's attributes makes the file system judge its name without creating
    // anything: a name over its limit (255 bytes on most) passed here and failed the rename
    // after the work. The temporary file's name is asked about too, as the save will make it.
    Optional<String> nameFault = nameFault(file);
    if (nameFault.isPresent()) {
      return nameFault;
    }
    return nameFault(file.resolveSibling(tempName(file.getFileName().toString(), 0)))
        .map(why -> why + " for the save's temporary file; give a shorter name");
  }

  /** What the file system says of {@code file}'s name, or empty when it takes it. */
  private static Optional<String> nameFault(Path file) {
    try {
      Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      // a file to create: fine
    } catch (IOException e) {
      return Optional.of(": " + IoFailures.describe(e, file.toString()));
    }
    return Optional.empty();
  }

  /**
   * Replaces {@code target} with what {@code body} writes, or leaves it as it was when anything
   * fails.
   *
   * @param target the file to replace or create; its folder must exist
   * @param body what to write
   * @throws IOException when the target is read-only to this user, or the temporary file cannot
   *     be written or renamed; when the temporary file cannot be deleted then either, a
   *     suppressed exception names it, and a checkpoint's failure ({@link SafeTensors#write})
   *     says it was left
   */
  public static void write(Path target, Body body) throws IOException {
    write(target, body, UnaryOperator.identity());
  }

  /**
   * Replaces {@code target} with what {@code body} writes. {@code decorator} wraps the stream to
   * the temporary file before buffering; production code passes the identity, tests a stream that
   * fails or stalls part-way.
   */
  static void write(Path target, Body body, UnaryOperator<OutputStream> decorator)
      throws IOException {
    Path absolute = followLinks(target.toAbsolutePath());
    Path folder = absolute.getParent();
    // Named here: the temporary file's creation or rename would name the temporary file.
    if (Files.isDirectory(absolute)) {
      throw new FileSystemException(absolute.toString(), null, "is a folder, not a file");
    }
    // The rename would replace a device or a FIFO (/dev/null) with a regular file, silently.
    if (Files.exists(absolute) && !Files.isRegularFile(absolute)) {
      throw new FileSystemException(absolute.toString(), null, SPECIAL_FILE + ", which a save"
          + " would replace; " + GIVE_A_FILE);
    }
    if (Files.exists(absolute) && !Files.isWritable(absolute)) {
      throw new FileSystemException(absolute.toString(), null, READ_ONLY);
    }
    if (Files.exists(folder) && !Files.isDirectory(folder)) {
      throw new FileSystemException(folder.toString(), null, "not a directory");
    }
    if (!Files.exists(folder)) {
      throw new NoSuchFileException(folder.toString(), null, "no such folder");
    }
    Path temp = createTemp(folder, absolute.getFileName().toString());
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        OutputStream out = new BufferedOutputStream(
            decorator.apply(Channels.newOutputStream(channel)), 1 << 16);
        body.writeTo(out);
        out.flush();
        channel.force(true);
      }
      keepPermissions(absolute, temp);
      replaceDurably(temp, absolute);
    } catch (IOException | RuntimeException | Error e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException suppressed) {
        e.addSuppressed(new TemporaryFileLeft(temp, suppressed));
      }
      throw e;
    }
    StaleTempFiles.remove(folder, tempPrefix(absolute.getFileName().toString()), Instant.now());
  }

  /**
   * The file a symbolic link names, through every link: the rename replaces that file, and the
   * link (a {@code latest.safetensors} pointing at one epoch's file) stays a link, as a write
   * through it would leave it. A link that names no file yet names the file to create. Each
   * link's text is resolved as written, not normalized: the system applies a ".." after
   * following the links before it.
   *
   * @param path an absolute path
   * @return the file {@link #write} replaces for {@code path}, absolute
   * @throws IOException when a link cannot be read, or links lead on more than 40 times
   */
  public static Path followLinks(Path path) throws IOException {
    for (int hops = 0; Files.isSymbolicLink(path); hops++) {
      if (hops == MAX_LINKS) {
        throw new FileSystemException(path.toString(), null, "too many levels of symbolic links");
      }
      path = path.getParent().resolve(Files.readSymbolicLink(path)).toAbsolutePath();
    }
    return path;
  }

  /**
   * Gives the new file the permissions of the one it replaces: a checkpoint made private to its
   * owner must not become readable by all because it was saved again. Where the file system has
   * no POSIX permissions the new file keeps its own.
   */
  private static void keepPermissions(Path replaced, Path temp) throws IOException {
    if (!Files.exists(replaced)) {
      return;
    }
    try {
      Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(replaced));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: see above.
    }
  }

  /**
   * A new empty file with default permissions (unlike {@code Files.createTempFile}, which makes it
   * private to the owner and would pass that on to the checkpoint through the rename).
   */
  private static Path createTemp(Path folder, String name) throws IOException {
    while (true) {
      Path temp = folder.resolve(tempName(name, ThreadLocalRandom.current().nextLong()));
      try {
        createEmpty(temp);
        return temp;
      } catch (FileAlreadyExistsException e) {
        // another writer drew the same name: draw again
      }
    }
  }

  /**
   * {@code .<name>.<16 hex digits>.tmp}, the name cut (at whole characters, in bytes and in
   * UTF-16 units: {@link FileNames#derivedStem}) so that the whole is no longer than {@code name}
   * when that is long: a name the file system takes, 120 × {@code é} with a suffix (243 bytes),
   * gave a temporary file's name over its limit of 255 bytes, and no save of it could succeed.
   */
  private static String tempName(String name, long random) {
    return tempPrefix(name) + String.format(Locale.ROOT, RANDOM, random) + ".tmp";
  }

  /** {@link #tempName} up to its random part: {@code .<stem>.}. */
  private static String tempPrefix(String name) {
    return "." + FileNames.derivedStem(name, name, TEMP_OVERHEAD) + ".";
  }

  /**
   * Whether {@code name} is of the form a save's temporary file has ({@code
   * .<name>.<16 hex digits>.tmp}): such a file is no finished file, whatever it holds, and a save
   * killed part-way leaves one, cut anywhere, that nothing deletes.
   *
   * @param name a file name, without its folder
   * @return true when a save could have made a temporary file of that name
   */
  public static boolean isTemporaryName(String name) {
    return TEMP_NAME.matcher(name).matches();
  }

  /** Creates {@code temp}, failing when it exists; the channel only serves to create it. */
  private static void createEmpty(Path temp) throws IOException {
    Files.newByteChannel(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
  }

  /**
   * Renames atomically, then forces the rename to the device. Where the file system cannot rename
   * atomically (rare within one folder: some network and FUSE file systems), falls back to a
   * replacing move, which may briefly leave no file under the target name (but never a partial
   * one).
   */
  private static void replaceDurably(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
    forceFolder(target.getParent());
  }

  /**
   * Forces the folder's entries (the rename) to the device. POSIX systems allow this through a
   * read-only handle on the folder; Windows refuses to open a folder as a channel, and there the
   * durability of the rename rests on the file system, so that failure is ignored.
   */
  private static void forceFolder(Path folder) {
    try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Not supported on this platform: see above.
    }
  }
}
