package dev.chainrule.core.gemm;

import dev.ludovic.netlib.blas.BLAS;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A stand-in for the native BLAS, so that {@link NativeGemm} and {@link NativeBlasLoader} are
 * tested on any machine: it records every routine called with its arguments and computes
 * {@code dgemm} and {@code sgemm} (the 16-argument forms with offsets, the only ones NativeGemm
 * calls) as the reference BLAS defines them, column-major with naive loops; any other routine
 * throws. It is a proxy of netlib's {@link BLAS} interface rather than netlib's own Java BLAS,
 * whose first use initializes the JNI binding as well, with whatever library the system
 * properties name at that moment.
 */
final class RecordingBlas implements InvocationHandler {
  /** One call: the routine's name and its arguments (arrays as the very arrays passed). */
  record Call(String routine, List<Object> arguments) {}

  final List<Call> calls = new ArrayList<>();
  final BLAS blas = (BLAS) Proxy.newProxyInstance(BLAS.class.getClassLoader(),
      new Class<?>[] {BLAS.class}, this);

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) {
    if (method.getDeclaringClass() == Object.class) {
      return switch (method.getName()) {
        case "hashCode" -> System.identityHashCode(proxy);
        case "equals" -> proxy == args[0];
        default -> "RecordingBlas";
      };
    }
    calls.add(new Call(method.getName(), Arrays.asList(args)));
    if (args.length == 16 && method.getName().equals("dgemm")) {
      dgemm((String) args[0], (String) args[1], (int) args[2], (int) args[3], (int) args[4],
          (double) args[5], (double[]) args[6], (int) args[7], (int) args[8],
          (double[]) args[9], (int) args[10], (int) args[11], (double) args[12],
          (double[]) args[13], (int) args[14], (int) args[15]);
      return null;
    }
    if (args.length == 16 && method.getName().equals("sgemm")) {
      float[] c = (float[]) args[13];
      double[] wide = new double[c.length];
      for (int i = 0; i < c.length; i++) {
        wide[i] = c[i];
      }
      dgemm((String) args[0], (String) args[1], (int) args[2], (int) args[3], (int) args[4],
          (float) args[5], widen((float[]) args[6]), (int) args[7], (int) args[8],
          widen((float[]) args[9]), (int) args[10], (int) args[11], (float) args[12], wide,
          (int) args[14], (int) args[15]);
      for (int i = 0; i < c.length; i++) {
        c[i] = (float) wide[i];
      }
      return null;
    }
    throw new UnsupportedOperationException("RecordingBlas does not implement " + method);
  }

  /** The dgemm or sgemm calls, in order. */
  List<Call> gemms() {
    return calls.stream().filter(c -> c.routine().endsWith("gemm")).toList();
  }

  /** Column-major C(m × n) ← α·op(A)·op(B) + β·C, C not read when β = 0, as netlib's dgemm. */
  private static void dgemm(String transA, String transB, int m, int n, int k, double alpha,
      double[] a, int offA, int lda, double[] b, int offB, int ldb, double beta, double[] c,
      int offC, int ldc) {
    boolean ta = transA.equals("T");
    boolean tb = transB.equals("T");
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < m; i++) {
        double sum = 0;
        for (int p = 0; p < k; p++) {
          double x = ta ? a[offA + p + i * lda] : a[offA + i + p * lda];
          double y = tb ? b[offB + j + p * ldb] : b[offB + p + j * ldb];
          sum += x * y;
        }
        int at = offC + i + j * ldc;
        c[at] = beta == 0 ? alpha * sum : alpha * sum + beta * c[at];
      }
    }
  }

  private static double[] widen(float[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }
}
