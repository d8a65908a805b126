package dev.chainrule.optim.checkpoint;

import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * Run in a separate JVM by {@link KilledWriterTest}: starts saving an 8 MB checkpoint to the path
 * in {@code args[0]}, and after the first megabyte has reached the temporary file prints
 * {@value #STALLED} and waits to be killed. If nobody kills it within 30 seconds it halts without
 * finishing the save, so it can never replace the file by itself.
 */
final class StallingWriterMain {
  static final String STALLED = "STALLED";
  private static final long STALL_AFTER = 1 << 20;

  private StallingWriterMain() {}

  public static void main(String[] args) {
    Map<String, Tensor> big = Map.of("big", Tensors.randn(Shape.of(1 << 20), 9L));
    SafeTensors.write(Path.of(args[0]), big, Map.of(), DType.FLOAT64, Stall::new);
  }

  private static final class Stall extends FilterOutputStream {
    private long written;

    Stall(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      written += len;
      if (written >= STALL_AFTER) {
        out.flush();
        System.out.println(STALLED);
        System.out.flush();
        try {
          Thread.sleep(30_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        Runtime.getRuntime().halt(3);
      }
    }
  }
}
