package dev.chainrule.examples.plot;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import javax.imageio.ImageIO;

/**
 * Writes an image as a PNG file so that a reader (an image viewer refreshing while training runs)
 * sees the old picture or the new one, never half a file: the PNG goes to a temporary file in the
 * target's folder and is then renamed over the target. Unlike checkpoints, pictures are cheap to
 * redraw, so there is no fsync.
 */
final class PngFile {
  static {
    Headless.ensure();
  }

  private PngFile() {}

  /** Writes {@code image} to {@code target}, creating missing parent folders. */
  static void write(BufferedImage image, Path target) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path folder = absolute.getParent();
    Files.createDirectories(folder);
    Path temp = createTemp(folder, absolute.getFileName().toString());
    try {
      try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.WRITE)) {
        if (!ImageIO.write(image, "png", out)) {
          throw new IOException("no PNG writer is installed in this Java runtime");
        }
      }
      move(temp, absolute);
    } catch (IOException | RuntimeException | Error e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /**
   * A new empty file with default permissions ({@code Files.createTempFile} would make it private
   * to the owner and pass that on to the picture through the rename).
   */
  private static Path createTemp(Path folder, String name) throws IOException {
    while (true) {
      Path temp = folder.resolve(
          "." + name + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
      try {
        Files.newByteChannel(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
        return temp;
      } catch (FileAlreadyExistsException e) {
        // another writer drew the same name: draw again
      }
    }
  }

  /** Renames atomically where the file system can, otherwise replaces. */
  private static void move(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
