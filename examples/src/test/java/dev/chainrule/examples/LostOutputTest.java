package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Standard output that cannot be written makes the run fail, never exit 0 having said nothing. */
class LostOutputTest {
  /** A device that refuses every byte, as /dev/full or a closed pipe does. */
  private static OutputStream refusing(String why) {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException(why);
      }

      @Override
      public void write(byte[] bytes, int offset, int length) throws IOException {
        throw new IOException(why);
      }
    };
  }

  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

  private String err() {
    return errBytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aFullDeviceFailsTheRunAndSaysWhy() {
    int code = Main.run(new String[] {"--version"},
        ProcessStream.over(refusing("No space left on device")), err);

    assertEquals(Main.FAILURE, code, err());
    assertEquals("error: could not write to standard output: No space left on device; what it"
        + " printed is incomplete\n", err());
  }

  @Test
  void aReaderThatStoppedReadingEndsTheRunAsSigpipeWould() {
    int code = Main.run(new String[] {"--version"},
        ProcessStream.over(refusing("Broken pipe")), err);

    assertEquals(Main.BROKEN_PIPE, code);
    assertEquals("", err(), "the reader's choice, not an error to report");
  }

  @Test
  void anyStreamThatLostOutputFailsEvenWithoutTheCause() {
    int code = Main.run(new String[] {"--version"},
        new PrintStream(refusing("gone"), true, StandardCharsets.UTF_8), err);

    assertEquals(Main.FAILURE, code);
    assertTrue(err().startsWith("error: could not write to standard output; "), err());
  }

  @Test
  void aRunThatFailedKeepsItsOwnCode() {
    int code = Main.run(new String[] {"predict", "--load", "/nonexistent/model.safetensors",
        "--csv", "/nonexistent/rows.csv"}, ProcessStream.over(refusing("No space left on device")),
        err);

    assertEquals(Main.FAILURE, code);
    assertTrue(err().contains("--load"), err());
  }

  @Test
  void aWrittenOutputStillExitsZero() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"--version"}, ProcessStream.over(out), err);

    assertEquals(0, code, err());
    assertEquals("chainrule 0.1.0\n", out.toString(StandardCharsets.UTF_8));
  }
}
