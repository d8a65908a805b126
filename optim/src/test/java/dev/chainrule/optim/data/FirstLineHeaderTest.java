package dev.chainrule.optim.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FirstLine#header} reads the header alone: {@code train --load} took it from {@link
 * FirstLine#of}, which counts every row after a first name that is a whole number, one more
 * pass over the whole file for every run.
 */
class FirstLineHeaderTest {
  @TempDir Path dir;

  @Test
  void theHeaderIsReadWithoutTheRowsAfterIt() throws IOException {
    StringBuilder text = new StringBuilder("0,1,label\n");
    for (int i = 0; i < 200_000; i++) {
      text.append(i).append(',').append(i % 7).append(",a\n");
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(text.toString().getBytes(StandardCharsets.UTF_8));
    }
    // Cut in the middle: only a read past the first lines meets the truncation.
    byte[] all = bytes.toByteArray();
    Path cut = Files.write(dir.resolve("cut.csv.gz"), Arrays.copyOf(all, all.length / 2));
    assertEquals(Optional.of(List.of("0", "1", "label")), FirstLine.header(cut, ','));
    // FirstLine.of counts the rows after "0", reads into the cut, and gives up: what the
    // header-only read is for.
    assertEquals(Optional.empty(), FirstLine.of(cut, ','));
  }
}
