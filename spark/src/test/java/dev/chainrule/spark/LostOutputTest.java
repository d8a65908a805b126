package dev.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The launcher fails when its standard output cannot be written, as the program does. */
class LostOutputTest {
  @Test
  void aFullDeviceFailsTheRun() {
    OutputStream full = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("No space left on device");
      }
    };
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int code = Main.run(new String[] {"--help"}, new PrintStream(full, true,
        StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

    assertEquals(Main.FAILURE, code);
    assertEquals("error: could not write to standard output; what it printed is incomplete\n",
        err.toString(StandardCharsets.UTF_8));
  }
}
