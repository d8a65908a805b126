package dev.chainrule.examples.plot;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.optim.checkpoint.AtomicFile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Writes charts to files so that a reader (an image viewer refreshing while training runs) sees
 * the old picture or the new one, never half a file: written through {@link AtomicFile}, as
 * checkpoints are.
 */
public final class ChartFiles {
  /**
   * Every name a chart is written under: {@link #write} refuses any other, and so does {@link
   * #whyUnwritable}, so the names a run checks before it starts are ones it can write.
   */
  private static final Pattern NAMES = Pattern.compile("loss|accuracy|confusion"
      + "|decision-boundary|gradients|gradient-ratio|activations-hidden-[1-9][0-9]*");

  static {
    Headless.ensure();
    // PNGs are encoded in memory, not through a cache file in the temporary folder: on a full
    // disk that file's failure surfaced as a NullPointerException from ImageIO's "StreamCloser"
    // thread at exit, after the program's own message. Charts are small.
    ImageIO.setUseCache(false);
  }

  private ChartFiles() {}

  /**
   * Writes {@code chart} as {@code folder/name.<extension>}, creating missing folders.
   *
   * @param chart the chart to draw
   * @param folder where the file goes
   * @param name the file name without its extension, such as "loss": one of the program's
   *     charts' ({@link #whyUnwritable})
   * @param format PNG at the chart's size in pixels, SVG or PDF
   * @return the file written
   * @throws IOException when the folder or the file cannot be written
   * @throws IllegalArgumentException when the name is none of the charts'
   */
  public static Path write(Chart<?, ?> chart, Path folder, String name, ChartFormat format)
      throws IOException {
    checkNotNull(chart, "chart file: the chart is null");
    checkNotNull(format, "chart file: the format is null");
    checkArgument(NAMES.matcher(name).matches(), "chart file: \"%s\" is not a chart's name;"
        + " add it to ChartFiles.NAMES", name);
    Path target = folder.resolve(name + "." + format.extension()).toAbsolutePath();
    Files.createDirectories(target.getParent());
    try {
      AtomicFile.write(target, out -> encode(chart, format, out));
    } catch (FileSystemException e) {
      throw e;
    } catch (IOException e) {
      // A full disk's failure names no file ("No space left on device"): name the picture.
      FileSystemException named = new FileSystemException(target.toString(), null,
          e.getMessage() == null ? "cannot write the file" : e.getMessage());
      named.initCause(e);
      throw named;
    }
    return folder.resolve(target.getFileName());
  }

  /**
   * What keeps a chart the run will draw, already in {@code folder}, from being replaced, checked
   * before the run so that a run is not lost at its end: a chart this user may not write (mode
   * 0444), which the save refuses as it refuses a read-only checkpoint, a folder or a device under
   * a chart's name. Only {@code names} are looked at, the charts the caller knows the run will
   * draw: a folder named as a chart the run does not draw (decision-boundary.png beside a run
   * with four inputs) refused a run that would not have touched it. Charts drawn only on
   * conditions known after training are left to their writes, which name the file.
   *
   * <p>A chart's name is the program's, not the user's: the advice for a file the user names
   * ("give a file name") does not fit one. What is in the way is to be removed (or made
   * writable), or the charts drawn elsewhere, as {@code elsewhere} says.
   *
   * @param folder the output folder, which exists
   * @param format the run's charts' format
   * @param names the charts' names without extension, each one {@link #write} takes ("loss")
   * @param elsewhere how the caller's user draws the charts in another folder, to end the advice
   *     ("choose another --out")
   * @return the chart and what is wrong with it, as "out/loss.png is a folder; remove it or choose
   *     another --out", or empty when every one of them there can be replaced
   * @throws IllegalArgumentException when a name is none of the charts'
   */
  public static Optional<String> whyUnwritable(Path folder, ChartFormat format,
      Collection<String> names, String elsewhere) {
    for (String name : names) {
      checkArgument(NAMES.matcher(name).matches(), "chart file: \"%s\" is not a chart's name",
          name);
      Path chart = folder.resolve(name + "." + format.extension());
      // A file to create is the folder's matter, which the output folder's check has seen.
      if (Files.exists(chart, LinkOption.NOFOLLOW_LINKS)) {
        if (Files.isDirectory(chart)) {
          return Optional.of(chart + " is a folder; remove it or " + elsewhere);
        }
        if (!Files.isRegularFile(chart)) {
          return Optional.of(chart + " is not a regular file (a device, a FIFO or a socket);"
              + " remove it or " + elsewhere);
        }
        if (!Files.isWritable(chart)) {
          return Optional.of(chart + " is read-only (not writable by this user); make it"
              + " writable, remove it or " + elsewhere);
        }
        // A link into a missing folder, a name the file system refuses: said as for any file.
        Optional<String> why = AtomicFile.whyUnwritable(chart);
        if (why.isPresent()) {
          return Optional.of(chart + why.get());
        }
      }
    }
    return Optional.empty();
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
}
