package dev.chainrule.optim.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import java.io.IOException;
import java.io.StringReader;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The values a CSV file's features grow into: past about 1.43 billion, growing by half overflowed
 * int and a bare NegativeArraySizeException ended the read (on a heap large enough to get there);
 * now the growth stops at the most an array holds, and the reader names the line that would pass
 * it. The limit is lowered here: the real one takes gigabytes.
 */
class GrowingValuesTest {
  @Test
  void growthStopsAtTheMostAnArrayHoldsAndSaysWhenFull() {
    GrowingValues values = new GrowingValues(DType.FLOAT32, 20);
    for (int i = 0; i < 20; i++) {
      assertTrue(values.fits(1));
      values.add(i);
    }
    assertFalse(values.fits(1));
    assertTrue(values.fits(0));
    assertEquals(20, values.size());
    assertEquals("GrowingValues: full at 20 values",
        assertThrows(IllegalStateException.class, () -> values.add(20)).getMessage());
    assertEquals(Tensor.of(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
        17, 18, 19}, 4, 5), values.toTensor(4, 5));
    // The real limit: the growth from just below it is computed in long, not int.
    assertFalse(new GrowingValues(DType.FLOAT64).fits(Integer.MAX_VALUE));
  }

  /** Values across chunks of 65,536, 65,536, 131,072 and part of 262,144 come out in order. */
  @Test
  void valuesAcrossChunksJoinInOrder() {
    int n = 300_001;
    for (DType dtype : List.of(DType.FLOAT64, DType.FLOAT32)) {
      GrowingValues values = new GrowingValues(dtype);
      double[] expected = new double[n];
      for (int i = 0; i < n; i++) {
        expected[i] = i * 0.1;
        values.add(expected[i]);
      }
      // Exact equality: float32 values are the doubles rounded once, as Tensor.to rounds them.
      assertEquals(Tensor.of(expected, n, 1).to(dtype), values.toTensor(n, 1));
      // The join lets the chunks go and keeps one full chunk: more values still follow them.
      double[] more = Arrays.copyOf(expected, n + 3);
      for (int i = n; i < n + 3; i++) {
        more[i] = -i;
        values.add(more[i]);
      }
      assertEquals(Tensor.of(more, n + 3, 1).to(dtype), values.toTensor(n + 3, 1));
    }
  }

  @Test
  void aFileOfMoreValuesThanATensorHoldsIsRefusedNamingTheLine() throws IOException {
    CsvOptions options = new CsvOptions(true, 0, ',', null, -1, null, false, false, null, null,
        List.of(), MissingValues.REJECT, DType.FLOAT64);
    String text = "a,b,label\n1,2,x\n3,4,y\n5,6,x\n7,8,y\n";
    assertEquals(4, new CsvParsing(options, "big.csv", 8).read(new StringReader(text))
        .dataset().size(), "8 values: the limit itself fits");
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> new CsvParsing(options, "big.csv", 7).read(new StringReader(text)));
    assertEquals("big.csv: line 5: 3 rows of 2 features are read, and this row would make more"
        + " values than one tensor holds (7): read a part of the file, or fewer columns",
        e.getMessage());
  }
}
