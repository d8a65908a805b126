package dev.chainrule.optim.checkpoint;

import static com.google.common.base.Preconditions.checkArgument;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * File names as file systems measure them, for names derived from a user's file (a save's
 * temporary file, a checkpoint's best-weights file). A file system limits a name's length in
 * bytes (255 on most, 143 under eCryptfs) or, NTFS, in UTF-16 units (255), not in Java
 * characters: 120 × {@code é} is 240 bytes in UTF-8 and 120 units, and 243 × {@code é} with
 * {@code .safetensors} is 255 units and 498 bytes. A derived name is cut, at whole characters, to
 * be no longer than the name it comes from by each count, unless it fits in {@value
 * #ALWAYS_FITS} by that count: wherever the user's name fits, the derived one does too.
 */
public final class FileNames {
  /**
   * The length a derived name may have even when it is longer than its source's: eCryptfs's
   * limit, the least of the file systems in common use.
   */
  public static final int ALWAYS_FITS = 143;

  /** The encoding names are stored in: the JVM's for file names, UTF-8 where it names none. */
  private static final Charset NAMES = namesCharset();

  private FileNames() {}

  /**
   * The length of {@code name} as a file system that counts bytes counts it: its bytes in the
   * encoding the JVM gives file names ({@code sun.jnu.encoding}; UTF-8 on Linux and macOS). NTFS
   * counts UTF-16 units, {@code name.length()}, which {@link #derivedStem} bounds as well.
   *
   * @param name a file name
   * @return its length in bytes
   */
  public static int length(String name) {
    int length = 0;
    for (int i = 0; i < name.length(); ) {
      int codePoint = name.codePointAt(i);
      length += length(codePoint);
      i += Character.charCount(codePoint);
    }
    return length;
  }

  /**
   * The longest a name derived from {@code source} may be: no longer than {@code source}, or
   * {@value #ALWAYS_FITS}, whichever is more.
   *
   * @param source the name a derived one comes from
   * @return the derived name's greatest {@link #length}
   */
  public static int derivedLimit(String source) {
    return Math.max(length(source), ALWAYS_FITS);
  }

  /**
   * The longest start of {@code name} of whole characters whose {@link #length} is at most
   * {@code limit}: {@code name} itself when it fits.
   *
   * @param name a name
   * @param limit the greatest length, not negative
   * @return the start of the name
   * @throws IllegalArgumentException when the limit is negative
   */
  public static String prefix(String name, int limit) {
    checkArgument(limit >= 0, "file names: a negative length limit, %s", limit);
    int length = 0;
    for (int i = 0; i < name.length(); ) {
      int codePoint = name.codePointAt(i);
      length += length(codePoint);
      if (length > limit) {
        return name.substring(0, i);
      }
      i += Character.charCount(codePoint);
    }
    return name;
  }

  /**
   * The longest start of {@code stem}, of whole characters, that {@code tail} ASCII characters
   * may follow in a name derived from {@code source}: the whole name no longer than {@code
   * source}, or than {@value #ALWAYS_FITS}, in bytes ({@link #length}) and, separately, in UTF-16
   * units. Cutting by bytes alone let a name NTFS takes, 243 × {@code é} with {@code
   * .safetensors} (255 units), give a best-weights name of 261 units.
   *
   * @param source the user's name
   * @param stem what the derived name starts with, cut here (the source or a start of it)
   * @param tail how many ASCII characters follow the stem in the derived name, not negative
   * @return the start of the stem
   * @throws IllegalArgumentException when the tail is negative
   */
  public static String derivedStem(String source, String stem, int tail) {
    checkArgument(tail >= 0, "file names: a negative tail length, %s", tail);
    int bytesLeft = derivedLimit(source) - tail;
    int unitsLeft = Math.max(source.length(), ALWAYS_FITS) - tail;
    for (int i = 0; i < stem.length(); ) {
      int codePoint = stem.codePointAt(i);
      bytesLeft -= length(codePoint);
      unitsLeft -= Character.charCount(codePoint);
      if (bytesLeft < 0 || unitsLeft < 0) {
        return stem.substring(0, i);
      }
      i += Character.charCount(codePoint);
    }
    return stem;
  }

  private static int length(int codePoint) {
    // A character the encoding lacks becomes one replacement byte; such a name cannot be made.
    return new String(Character.toChars(codePoint)).getBytes(NAMES).length;
  }

  private static Charset namesCharset() {
    String name = System.getProperty("sun.jnu.encoding");
    try {
      return name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
    } catch (IllegalArgumentException unknown) {
      return StandardCharsets.UTF_8;
    }
  }
}
