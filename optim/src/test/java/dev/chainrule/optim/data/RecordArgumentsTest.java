package dev.chainrule.optim.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Public types of the data package took values they cannot use and failed later, deep inside:
 * TextLines(null) at its first read, UnsignedBytes of values Dataset.ofUnsignedBytes refuses
 * only when a shard rebuilt its dataset.
 */
class RecordArgumentsTest {
  @Test
  void textLinesRefusesANullReaderWhenMade() {
    assertEquals("TextLines: the reader is null",
        assertThrows(NullPointerException.class, () -> new TextLines(null)).getMessage());
  }

  @Test
  void unsignedBytesRefusesWhatOfUnsignedBytesRefusesInItsWords() {
    assertEquals("UnsignedBytes: bytes are null", assertThrows(NullPointerException.class,
        () -> new UnsignedBytes(null, 2, 255)).getMessage());
    assertEquals("UnsignedBytes: columns must be positive, got -1", assertThrows(
        IllegalArgumentException.class, () -> new UnsignedBytes(new byte[4], -1, 255))
        .getMessage());
    assertEquals("UnsignedBytes: 5 bytes are not whole rows of 2 columns", assertThrows(
        IllegalArgumentException.class, () -> new UnsignedBytes(new byte[5], 2, 255))
        .getMessage());
    assertEquals("UnsignedBytes: the divisor must be positive and finite, got 0.0", assertThrows(
        IllegalArgumentException.class, () -> new UnsignedBytes(new byte[4], 2, 0))
        .getMessage());
    // The dataset's own refusal keeps its name.
    assertEquals("ofUnsignedBytes: columns must be positive, got -1", assertThrows(
        IllegalArgumentException.class, () -> Dataset.ofUnsignedBytes(new byte[4], -1, 255,
            DType.FLOAT32, Tensor.vector(0, 1))).getMessage());
    // What a dataset hands out still rebuilds it.
    Dataset data = Dataset.ofUnsignedBytes(new byte[] {0, 1, 2, (byte) 255}, 2, 255,
        DType.FLOAT64, Tensor.vector(0, 1));
    UnsignedBytes bytes = data.unsignedBytes().orElseThrow();
    assertEquals(data, Dataset.ofUnsignedBytes(bytes.bytes(), bytes.columns(), bytes.divisor(),
        DType.FLOAT64, Tensor.vector(0, 1)));
  }

  /** Two copies of the same rows are equal: a record of an array compared its identity. */
  @Test
  void unsignedBytesAreComparedAndPrintedByContent() {
    UnsignedBytes rows = new UnsignedBytes(new byte[] {0, 1, 2, (byte) 255}, 2, 255);
    UnsignedBytes copy = new UnsignedBytes(new byte[] {0, 1, 2, (byte) 255}, 2, 255);
    assertEquals(rows, copy);
    assertEquals(rows.hashCode(), copy.hashCode());
    assertNotEquals(rows, new UnsignedBytes(new byte[] {0, 1, 2, (byte) 254}, 2, 255));
    assertNotEquals(rows, new UnsignedBytes(new byte[] {0, 1, 2, (byte) 255}, 4, 255));
    assertNotEquals(rows, new UnsignedBytes(new byte[] {0, 1, 2, (byte) 255}, 2, 256));
    assertEquals("UnsignedBytes[2 rows of 2 bytes, divisor 255.0]", rows.toString());
  }
}
