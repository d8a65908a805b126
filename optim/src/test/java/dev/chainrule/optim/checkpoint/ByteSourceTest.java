package dev.chainrule.optim.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reader's byte sources: a read from a position fills its buffer from there, and a read past
 * the end (a file that shrank after its size was checked) is an EOFException saying where, not
 * bytes from elsewhere or a raw index exception.
 */
class ByteSourceTest {
  private static final byte[] TEN = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};

  @TempDir Path folder;

  @Test
  void aFileIsReadFromThePositionAndAShortOneEndsWithWhere() throws IOException {
    Path file = Files.write(folder.resolve("ten.bin"), TEN);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteSource source = ByteSource.of(channel, "ten.bin");
      ByteBuffer three = ByteBuffer.allocate(3);
      source.readFully(6, three);
      assertArrayEquals(new byte[] {6, 7, 8}, three.array());
      // Five bytes remain from 5: the first read gets them, the next finds the end at byte 10.
      ByteBuffer past = ByteBuffer.allocate(10);
      EOFException e = assertThrows(EOFException.class, () -> source.readFully(5, past));
      assertEquals("the file ended at byte 10; did it change?", e.getMessage());
    }
  }

  @Test
  void bytesInMemoryAreReadFromThePositionAndNotPastTheirEnd() throws IOException {
    ByteSource source = ByteSource.of(TEN, "<bytes>");
    ByteBuffer three = ByteBuffer.allocate(3);
    source.readFully(7, three);
    assertArrayEquals(new byte[] {7, 8, 9}, three.array());
    for (long position : new long[] {8, -1}) {
      EOFException e = assertThrows(EOFException.class,
          () -> source.readFully(position, ByteBuffer.allocate(4)));
      assertEquals("read past the end of 10 bytes", e.getMessage(), "from " + position);
    }
  }
}
