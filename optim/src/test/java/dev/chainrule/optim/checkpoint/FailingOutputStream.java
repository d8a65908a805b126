package dev.chainrule.optim.checkpoint;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Passes the first {@code limit} bytes through, then fails as a full disk would. */
final class FailingOutputStream extends FilterOutputStream {
  private long remaining;

  FailingOutputStream(OutputStream out, long limit) {
    super(out);
    this.remaining = limit;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    int passed = (int) Math.min(len, remaining);
    out.write(b, off, passed);
    remaining -= passed;
    if (passed < len) {
      throw new IOException("injected failure: no space left on device");
    }
  }
}
