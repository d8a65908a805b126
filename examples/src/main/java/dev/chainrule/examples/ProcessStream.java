package dev.chainrule.examples;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A stream of the process's output (UTF-8 whatever the locale) that remembers why a write failed.
 * A {@link PrintStream} swallows its stream's exceptions and keeps a flag ({@link #checkError()}):
 * {@code predict > /dev/full} printed nothing, said nothing and exited 0, a lost output reported
 * as a success. The program checks the flag when a command ends, and the recorded exception tells
 * a full disk (an error) from a reader that stopped reading ({@code predict | head}, a broken pipe:
 * the reader's choice, as for any Unix tool).
 *
 * <p>A Unix tool whose reader stopped reading dies of SIGPIPE at its next write; the JVM ignores
 * the signal, and {@code fashion-mnist | head -1} trained every epoch it was asked for, minutes
 * of work nobody would see. A stream made {@linkplain #endingCommands ending commands} throws
 * {@link ReaderGone} from such a write instead, which no command catches (commands catch the
 * failures they expect: bad arguments, bad data, a diverged run), so the command stops where it
 * stands and the program exits as SIGPIPE would have ended it.
 */
final class ProcessStream extends PrintStream {
  private final Recorder recorder;

  private ProcessStream(Recorder recorder) {
    super(recorder, true, StandardCharsets.UTF_8);
    this.recorder = recorder;
  }

  /** The stream writing to {@code descriptor}, recording its failures (standard error). */
  static ProcessStream of(FileDescriptor descriptor) {
    return new ProcessStream(new Recorder(new FileOutputStream(descriptor), false));
  }

  /**
   * The stream writing to {@code descriptor} whose writes throw {@link ReaderGone} once its
   * reader has gone (standard output).
   */
  static ProcessStream endingCommands(FileDescriptor descriptor) {
    return over(new FileOutputStream(descriptor));
  }

  /**
   * The stream writing to {@code out} as standard output does, for tests that stand in for a
   * failing device.
   */
  static ProcessStream over(OutputStream out) {
    return new ProcessStream(new Recorder(out, true));
  }

  /** The first write or flush that failed, if one did. */
  Optional<IOException> failure() {
    return Optional.ofNullable(recorder.failure);
  }

  /**
   * Whether {@code e} says the reader closed its end. Linux's text for EPIPE, which is all Java
   * shows of the error number; a failure it does not recognise is reported, never hidden.
   */
  static boolean isBrokenPipe(IOException e) {
    return e.getMessage() != null && e.getMessage().contains("Broken pipe");
  }

  /**
   * What a write to a stream {@linkplain #endingCommands ending commands} throws when the reader
   * has gone: unchecked, so that it passes through {@link PrintStream} and the writers over it
   * (which swallow every {@link IOException}) and through the command up to {@link Main}.
   */
  static final class ReaderGone extends UncheckedIOException {
    private static final long serialVersionUID = 1L;

    ReaderGone(IOException brokenPipe) {
      super("the reader of standard output has gone", brokenPipe);
    }
  }

  /** Passes bytes through and keeps the first exception before {@link PrintStream} drops it. */
  private static final class Recorder extends FilterOutputStream {
    private final boolean endsCommands;
    private IOException failure;

    Recorder(OutputStream out, boolean endsCommands) {
      super(out);
      this.endsCommands = endsCommands;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      try {
        out.write(bytes, offset, length);
      } catch (IOException e) {
        throw recorded(e);
      }
    }

    @Override
    public void write(int b) throws IOException {
      try {
        out.write(b);
      } catch (IOException e) {
        throw recorded(e);
      }
    }

    @Override
    public void flush() throws IOException {
      try {
        out.flush();
      } catch (IOException e) {
        throw recorded(e);
      }
    }

    private IOException recorded(IOException e) {
      if (failure == null) {
        failure = e;
      }
      if (endsCommands && isBrokenPipe(e)) {
        throw new ReaderGone(e);
      }
      return e;
    }
  }
}
