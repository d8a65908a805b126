package dev.chainrule.optim.data;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A fingerprint of a data set's rows in their order: the SHA-256 of its shape and of every
 * feature and label value, row after row, as the doubles the data set holds (a float32 value
 * widened exactly). A saved model records the fingerprint of the rows its split was drawn from,
 * so that a run that loads it can tell when a seeded split would now draw its test rows from
 * other rows: the same rows shuffled, or edited, keep their count and the seed, and a test part
 * that holds training rows gives a flattered score with nothing to show for it.
 *
 * <p>The values, not the file's bytes, are hashed on purpose: what the split sees is the parsed
 * rows, so a file that differs only in its form (another delimiter, line endings, {@code 1.0}
 * for {@code 1}, the columns in another order, a column the model does not read) splits the same
 * and is accepted, and built-in data sets (which have no file) are covered the same way. The
 * same values give the same fingerprint, however the data set holds its features (a tensor or
 * bytes). SHA-256 rather than a 64-bit hash: the fingerprint decides whether a score is
 * honest, and costs one pass over the data (about 0.5 s for Fashion-MNIST's 60,000 images).
 */
public final class RowsFingerprint {
  /** Rows converted and hashed at a time, so that a data set of bytes is never converted whole. */
  private static final int CHUNK_ROWS = 1024;

  private RowsFingerprint() {}

  /**
   * The fingerprint of {@code data}.
   *
   * @param data the rows, in the order a split numbers them
   * @return 64 lowercase hexadecimal digits
   */
  public static String of(Dataset data) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
    // The shapes first: the same values cut into rows of another width are other rows.
    ByteBuffer shape = ByteBuffer.allocate(4 * Integer.BYTES);
    shape.putInt(data.size()).putInt(data.featureCount()).putInt(data.labels().rank())
        .putInt(data.labels().rank() == 2 ? data.labels().dim(1) : 0);
    sha.update(shape.array());
    for (int from = 0; from < data.size(); from += CHUNK_ROWS) {
      update(sha, data.rows(from, Math.min(data.size(), from + CHUNK_ROWS)).toArray());
    }
    update(sha, data.labels().toArray());
    return HexFormat.of().formatHex(sha.digest());
  }

  /** Hashes {@code values}, which it may change: they are a copy made for it. */
  private static void update(MessageDigest sha, double[] values) {
    // Equal values, equal bits: -0 and 0 (a CSV may write either) split alike, and so do NaNs
    // of any payload; the buffer would otherwise hash their raw bits.
    for (int i = 0; i < values.length; i++) {
      values[i] = Double.isNaN(values[i]) ? Double.NaN : values[i] + 0.0;
    }
    ByteBuffer bytes = ByteBuffer.allocate(values.length * Double.BYTES);
    bytes.asDoubleBuffer().put(values);
    sha.update(bytes.array());
  }
}
