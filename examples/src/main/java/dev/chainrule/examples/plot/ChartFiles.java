package dev.chainrule.examples.plot;

import static com.google.common.base.Preconditions.checkNotNull;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Writes charts to files so that a reader (an image viewer refreshing while training runs) sees
 * the old picture or the new one, never half a file: the chart goes to a temporary file in the
 * target's folder and is then renamed over the target. Unlike checkpoints, pictures are cheap to
 * redraw, so there is no fsync.
 */
public final class ChartFiles {
  static {
    Headless.ensure();
  }

  private ChartFiles() {}

  /**
   * Writes {@code chart} as {@code folder/name.<extension>}, creating missing folders.
   *
   * @param chart the chart to draw
   * @param folder where the file goes
   * @param name the file name without its extension, such as "loss"
   * @param format PNG at the chart's size in pixels, SVG or PDF
   * @return the file written
   * @throws IOException when the folder or the file cannot be written
   */
  public static Path write(Chart<?, ?> chart, Path folder, String name, ChartFormat format)
      throws IOException {
    checkNotNull(chart, "chart file: the chart is null");
    checkNotNull(format, "chart file: the format is null");
    Path target = folder.resolve(name + "." + format.extension()).toAbsolutePath();
    Path parent = target.getParent();
    Files.createDirectories(parent);
    Path temp = createTemp(parent, target.getFileName().toString());
    try {
      try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.WRITE)) {
        encode(chart, format, out);
      }
      move(temp, target);
    } catch (IOException | RuntimeException | Error e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    return folder.resolve(target.getFileName());
  }

  private static void encode(Chart<?, ?> chart, ChartFormat format, OutputStream out)
      throws IOException {
    switch (format) {
      case PNG -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
      case SVG -> VectorGraphicsEncoder.saveVectorGraphic(chart, out,
          VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
      case PDF -> VectorGraphicsEncoder.saveVectorGraphic(chart, out,
          VectorGraphicsEncoder.VectorGraphicsFormat.PDF);
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
