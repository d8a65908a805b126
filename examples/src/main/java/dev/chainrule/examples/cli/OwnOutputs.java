package dev.chainrule.examples.cli;

import dev.chainrule.optim.checkpoint.AtomicFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a file already under one of the program's own names in an output folder (a chart,
 * graph.dot) is one the program may replace, as {@code --save} keeps a file that is no checkpoint
 * and {@code predict --output} one it did not write: a chart written through a symbolic link
 * replaced the file it led to (a data file outside {@code --out}), and a note saved as
 * accuracy.png was replaced without a word. A file of the kind the program writes there (a PNG
 * for a .png, DOT from the program for graph.dot), or an empty one, is replaced silently, as a
 * rerun into the same folder replaces its charts.
 */
final class OwnOutputs {
  /** Every PNG begins with these bytes: charts, and graph.png from Graphviz's dot. */
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  /** The first line of every graph.dot the program writes ({@code GraphDot.toDot}). */
  private static final String DOT = "digraph chainrule {";
  /** How much of a file is read to tell its kind: an SVG's root comes after its prologue. */
  private static final int START_BYTES = 4096;

  private OwnOutputs() {}

  /**
   * Why a symbolic link at {@code file} must not be written through, or empty when it is no link
   * or leads to a file inside {@code folder}: the program's writes follow links, so a link out of
   * the folder would have the program replace a file it was never told of.
   *
   * @param folder the output folder, which exists (the file is in it)
   * @param file the file in it, under one of the program's names
   * @return the fault, to follow the file's name in a message
   * @throws IOException when the links cannot be read
   */
  static Optional<String> linkOutside(Path folder, Path file) throws IOException {
    if (!Files.isSymbolicLink(file)) {
      return Optional.empty();
    }
    // Followed as the write follows it: sub/../photo.png through a linked sub lands beside
    // sub's target, not in the folder.
    Path target = AtomicFile.followLinks(file.toAbsolutePath());
    Path parent = target.getParent();
    // The folder the write lands in, with its own links resolved, as the write would.
    Path landing = Files.isDirectory(parent) ? parent.toRealPath()
        : parent.toAbsolutePath().normalize();
    if (landing.startsWith(folder.toRealPath())) {
      return Optional.empty();
    }
    return Optional.of(" is a symbolic link to " + landing.resolve(target.getFileName())
        + ", outside the folder: writing it would replace that file");
  }

  /**
   * Why the file at {@code file} (through any links) holds something the program did not write
   * under that name, or empty when it holds nothing, or what the program writes there.
   *
   * @param file a chart (.png, .svg or .pdf) or graph.dot, which exists
   * @return the fault, to follow the file's name in a message
   * @throws IOException when the file cannot be read
   */
  static Optional<String> foreignContent(Path file) throws IOException {
    if (!Files.isRegularFile(file) || Files.size(file) == 0) {
      return Optional.empty();
    }
    byte[] start;
    try (InputStream in = Files.newInputStream(file)) {
      start = in.readNBytes(START_BYTES);
    }
    String text = new String(start, StandardCharsets.ISO_8859_1);
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    String kind;
    boolean ours;
    if (name.endsWith(".png")) {
      kind = "a PNG picture";
      ours = start.length >= PNG.length && Arrays.equals(start, 0, PNG.length, PNG, 0,
          PNG.length);
    } else if (name.endsWith(".svg")) {
      kind = "an SVG picture";
      ours = text.stripLeading().startsWith("<") && text.contains("<svg");
    } else if (name.endsWith(".pdf")) {
      kind = "a PDF document";
      ours = text.startsWith("%PDF-");
    } else if (name.endsWith(".dot")) {
      kind = "a graph that begins '" + DOT + "'";
      ours = text.startsWith(DOT + "\n") || text.startsWith(DOT + "\r\n");
    } else {
      throw new IllegalArgumentException("output file: " + file + " is none of the program's"
          + " kinds (.png, .svg, .pdf, .dot)");
    }
    return ours ? Optional.empty() : Optional.of(" is not " + kind + ", so the program did not"
        + " write it");
  }
}
