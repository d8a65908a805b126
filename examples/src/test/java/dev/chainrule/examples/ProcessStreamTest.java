package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Standard output as the program writes it: UTF-8, the first failure remembered for the exit
 * code, and a reader gone (a broken pipe) ending the command that writes.
 */
class ProcessStreamTest {
  /** A device whose every write and flush fails with the reasons given, in turn. */
  private static final class Failing extends OutputStream {
    private final List<String> reasons;

    Failing(String... reasons) {
      this.reasons = new ArrayList<>(List.of(reasons));
    }

    private IOException next() {
      return new IOException(reasons.size() > 1 ? reasons.remove(0) : reasons.get(0));
    }

    @Override
    public void write(int b) throws IOException {
      throw next();
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      throw next();
    }

    @Override
    public void flush() throws IOException {
      throw next();
    }
  }

  @Test
  void textPassesThroughAsUtf8() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProcessStream out = ProcessStream.over(bytes);
    out.print("Größe");
    out.write('!');
    out.flush();
    assertEquals("Größe!", bytes.toString(StandardCharsets.UTF_8));
    assertFalse(out.checkError());
    assertEquals(Optional.empty(), out.failure());
  }

  @Test
  void theFirstFailureIsKeptForTheExitCode() {
    ProcessStream out = ProcessStream.over(new Failing("No space left on device", "later"));
    out.print("x");
    out.print("y");
    assertTrue(out.checkError());
    assertEquals("No space left on device", out.failure().orElseThrow().getMessage());
    assertFalse(ProcessStream.isBrokenPipe(out.failure().orElseThrow()));
  }

  @Test
  void aReaderGoneEndsTheCommandThatWrites() {
    ProcessStream out = ProcessStream.over(new Failing("Broken pipe"));
    ProcessStream.ReaderGone gone = assertThrows(ProcessStream.ReaderGone.class,
        () -> out.write('x'));
    assertEquals("the reader of standard output has gone", gone.getMessage());
    assertSame(out.failure().orElseThrow(), gone.getCause());
    assertThrows(ProcessStream.ReaderGone.class, () -> out.print("text"));
    assertThrows(ProcessStream.ReaderGone.class, out::flush);
    assertFalse(ProcessStream.isBrokenPipe(new IOException()));
  }
}
