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
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
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
   * #file}, so the names a run checks before it starts are ones it can write.
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
   *     charts' ({@link #file})
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
   * The file a chart is written to, to check before the run that it can be replaced ({@code
   * PathChecks.requireReplaceableCharts}): only the names the caller knows the run may draw are
   * looked at, as a folder named as a chart the run does not draw (decision-boundary.png beside a
   * run with four inputs) refused a run that would not have touched it.
   *
   * @param folder the output folder
   * @param name the file name without its extension, one {@link #write} takes ("loss")
   * @param format the run's charts' format
   * @return the file {@link #write} writes for the chart
   * @throws IllegalArgumentException when the name is none of the charts'
   */
  public static Path file(Path folder, String name, ChartFormat format) {
    checkArgument(NAMES.matcher(name).matches(), "chart file: \"%s\" is not a chart's name",
        name);
    return folder.resolve(name + "." + format.extension());
  }

  /**
   * The charts in {@code folder} that a run drawing only {@code drawn} leaves from an earlier one:
   * the files named as one of the program's charts ({@link #file}) in {@code format}, regular
   * files only, that are not among {@code drawn}. A regression run in a classifier's folder kept
   * its confusion matrix, a shallower network the deeper one's activations-hidden-2.png, beside
   * charts of the new run.
   *
   * @param folder the output folder; one that does not exist holds none
   * @param format the run's charts' format: other formats' files are left alone
   * @param drawn the files the run wrote, as {@link #write} returned them
   * @return the files left over, by name
   * @throws IOException when the folder cannot be listed
   */
  public static List<Path> leftOver(Path folder, ChartFormat format, Collection<Path> drawn)
      throws IOException {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    Set<Path> kept = new HashSet<>();
    drawn.forEach(file -> kept.add(file.getFileName()));
    String extension = "." + format.extension();
    List<Path> stale = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : (Iterable<Path>) files.sorted()::iterator) {
        String name = file.getFileName().toString();
        if (name.endsWith(extension)
            && NAMES.matcher(name.substring(0, name.length() - extension.length())).matches()
            && !kept.contains(file.getFileName())
            && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
          stale.add(file);
        }
      }
    }
    return stale;
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
