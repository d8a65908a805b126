package dev.chainrule.core.gemm;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Which {@link Gemm} the tensor core uses, process-wide as a BLAS library would be. On first use
 * it is chosen once (see {@link GemmSelection}): the native backend ({@code NativeGemm}) when
 * netlib's JNI binding loads an optimized BLAS, else {@link JavaGemm}; {@code -Dchainrule.gemm=
 * java|ejml|native} overrides the choice, and {@link #set(Gemm)} replaces it at run time.
 */
public final class GemmBackend {
  private static volatile GemmSelection selection;

  private GemmBackend() {}

  /**
   * The backend in use, chosen on the first call.
   *
   * @return the backend every matrix product of the tensor core calls
   * @throws IllegalStateException when {@code -Dchainrule.gemm} asked for a backend that is not
   *     available (the message says why and what to do)
   */
  public static Gemm get() {
    GemmSelection current = selection();
    return current.gemm().orElseThrow(() -> new IllegalStateException(current.reason()));
  }

  /**
   * Which backend runs and how it was chosen, or why the requested one is unavailable; unlike
   * {@link #get()} it never throws, so a program can report a failed choice.
   *
   * @return the selection, made on the first call and kept for the process
   */
  public static GemmSelection selection() {
    GemmSelection current = selection;
    if (current == null) {
      synchronized (GemmBackend.class) {
        if (selection == null) {
          selection = GemmSelection.decide(System.getProperty(GemmSelection.PROPERTY),
              NativeBlasLoader.ofSystem());
        }
        current = selection;
      }
    }
    return current;
  }

  /**
   * One line for people: the backend, with the native library's kind and path, and how it was
   * chosen, e.g. {@code native (OpenBLAS, /usr/lib/.../libopenblasp-r0.3.21.so), chosen
   * automatically: ...} or {@code Java, chosen automatically; no BLAS library found (...)}.
   *
   * @return the description, for logs and a benchmark's header
   */
  public static String describe() {
    return selection().toString();
  }

  /**
   * Installs a backend for every later matrix product, in every thread (tests and benchmarks
   * compare backends this way; restore the previous one afterwards).
   *
   * @param gemm the backend to use from now on
   * @return the backend it replaces, or null when the requested backend had been unavailable
   * @throws NullPointerException when {@code gemm} is null
   */
  public static Gemm set(Gemm gemm) {
    checkNotNull(gemm, "GemmBackend.set: gemm is null");
    synchronized (GemmBackend.class) {
      Gemm previous = selection().gemm().orElse(null);
      selection = new GemmSelection(java.util.Optional.of(gemm), "installed with GemmBackend.set");
      return previous;
    }
  }

  /**
   * Installs a selection with its description: one saved from {@link #selection()} before a
   * {@link #set}, put back, or a wrapper of the current backend under that backend's own reason
   * (a benchmark timing the products), so that {@link #describe()} keeps saying how the backend
   * was chosen, not that something installed it.
   *
   * @param saved the selection to install
   * @throws NullPointerException when {@code saved} is null
   */
  public static void restore(GemmSelection saved) {
    checkNotNull(saved, "GemmBackend.restore: selection is null");
    synchronized (GemmBackend.class) {
      selection = saved;
    }
  }
}
