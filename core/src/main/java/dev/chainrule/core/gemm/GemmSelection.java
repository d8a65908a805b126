package dev.chainrule.core.gemm;

import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Which backend runs and why: the outcome of reading {@code -Dchainrule.gemm} and looking for a
 * native BLAS. Without the property, native runs only when an optimized BLAS (OpenBLAS, BLIS, MKL)
 * loads, otherwise the Java kernel. {@code java} and {@code ejml} are taken as asked, without
 * looking for a native library. {@code native} insists: when no library loads, or the only one
 * is the reference BLAS (slower than the Java kernel), the selection fails and every matrix
 * product throws an error that says so, rather than quietly running a backend that was not asked
 * for; an unidentified library is accepted on request. When the library is OpenBLAS, the reason
 * also says how its kernels were chosen: an OpenBLAS older than the processor may not recognize
 * it and run its generic kernels, several times slower (the README's performance section).
 * netlib's binding exposes the BLAS routines only, not OpenBLAS's own report of its kernels, so
 * the reason says what the environment set (and whether that leaves out the processor's AVX-512),
 * or how to see them. When it does leave it out and the JVM runs the Vector API kernels on
 * 512-bit vectors, the automatic choice shares the products with them ({@link VectorFirstGemm}).
 *
 * @param gemm the backend, or empty when the selection failed
 * @param reason how it was chosen, or why the requested backend is unavailable
 */
public record GemmSelection(Optional<Gemm> gemm, String reason) {
  /** The system property that overrides the automatic choice: java, ejml or native. */
  public static final String PROPERTY = "chainrule.gemm";

  private static final String INSTALL = "; install OpenBLAS (Debian, Ubuntu: apt-get install "
      + "libopenblas0-pthread), or leave " + PROPERTY + " unset to use the Java kernel";

  static GemmSelection decide(String requested, NativeBlasSource source) {
    return decide(requested, source, System::getenv);
  }

  /** {@link #decide(String, NativeBlasSource)} with the environment given, for tests. */
  static GemmSelection decide(String requested, NativeBlasSource source,
      UnaryOperator<String> environment) {
    if (requested == null || requested.isBlank()) {
      return automatic(source, environment);
    }
    String choice = requested.strip().toLowerCase(Locale.ROOT);
    String how = "chosen with -D" + PROPERTY + "=" + choice;
    return switch (choice) {
      case "java" -> chosen(new JavaGemm(), how);
      case "ejml" -> chosen(new EjmlGemm(), how);
      case "native" -> requestedNative(source, how, environment);
      default -> failed("-D" + PROPERTY + "=" + requested
          + " is not a backend; use java, ejml or native");
    };
  }

  /** How OpenBLAS chose its kernels, or nothing for another library. */
  private static String kernels(BlasLibrary library, UnaryOperator<String> environment) {
    if (library.kind() != BlasLibrary.Kind.OPENBLAS) {
      return "";
    }
    String core = environment.apply("OPENBLAS_CORETYPE");
    return core != null && !core.isBlank()
        ? OpenBlasCoreType.describe(core.strip(), OpenBlasCoreType.processorHasAvx512())
        : "; OpenBLAS picks its kernels for this processor (OPENBLAS_VERBOSE=2 prints which,"
            + " OPENBLAS_CORETYPE sets them)";
  }

  private static GemmSelection automatic(NativeBlasSource source,
      UnaryOperator<String> environment) {
    NativeBlasSource.Search search = source.search();
    if (search.library().isEmpty()) {
      return chosen(new JavaGemm(), "chosen automatically; " + search.finding());
    }
    BlasLibrary library = search.library().get();
    if (!library.kind().isOptimized()) {
      return chosen(new JavaGemm(), "chosen automatically; native not used: " + search.finding()
          + " is not an optimized BLAS (OpenBLAS, BLIS or MKL)");
    }
    try {
      Gemm loaded = source.load(library);
      String reason = "chosen automatically: an optimized BLAS loaded through netlib's JNI binding"
          + kernels(library, environment);
      if (library.kind() == BlasLibrary.Kind.OPENBLAS && vectorKernelsOutrun(environment)) {
        return chosen(new VectorFirstGemm(loaded), reason + "; products of at least "
            + VectorFirstGemm.VECTOR_WORK + " multiply-adds go to the Java kernels on the Vector"
            + " API's 512-bit vectors instead, which outrun those kernels, and so do those of "
            + JavaGemmF64.VECTOR_ROWS_WORK + " to " + (JavaGemmF64.VECTOR_WORK - 1)
            + " a vector or two wide (-D" + PROPERTY + "=native sends OpenBLAS these too, every"
            + " product of at least " + NativeGemm.SMALL_WORK + " multiply-adds)");
      }
      return chosen(loaded, withModuleHint(reason,
          library.kind() == BlasLibrary.Kind.OPENBLAS && vectorKernelsWouldOutrun(environment)));
    } catch (IllegalStateException e) {
      return chosen(new JavaGemm(), "chosen automatically; native not used: " + e.getMessage());
    }
  }

  /** {@link VectorFirstGemm#outruns} for this processor and JVM. */
  private static boolean vectorKernelsOutrun(UnaryOperator<String> environment) {
    return VectorFirstGemm.outruns(environment.apply("OPENBLAS_CORETYPE"),
        OpenBlasCoreType.processorHasAvx512(), VectorApi.kernelBits());
  }

  /**
   * The reason, with how to get the Vector API kernels where they would take products from the
   * library ({@link VectorFirstGemm#wouldOutrunWithTheModule}).
   */
  static String withModuleHint(String reason, boolean wouldOutrun) {
    return !wouldOutrun ? reason : reason + "; in a JVM started with --add-modules "
        + VectorApi.MODULE + ", chainrule's own kernels on 512-bit vectors would take the large"
        + " products instead (an MLP epoch's float64 products in 0.60 s against these"
        + " kernels' 0.84 on an AMD EPYC)";
  }

  /** {@link VectorFirstGemm#wouldOutrunWithTheModule} for this processor and JVM. */
  private static boolean vectorKernelsWouldOutrun(UnaryOperator<String> environment) {
    return VectorFirstGemm.wouldOutrunWithTheModule(environment.apply("OPENBLAS_CORETYPE"),
        OpenBlasCoreType.processorHasAvx512(), VectorApi.readable(), VectorApi.turnedOff(),
        VectorApi.optimizingCompilerRuns() ? VectorApi.compilerVectorBits() : 0);
  }

  private static GemmSelection requestedNative(NativeBlasSource source, String how,
      UnaryOperator<String> environment) {
    NativeBlasSource.Search search = source.search();
    String refusal = "-D" + PROPERTY + "=native, but ";
    if (search.library().isEmpty()) {
      return failed(refusal + search.finding() + INSTALL);
    }
    BlasLibrary library = search.library().get();
    if (library.kind() == BlasLibrary.Kind.REFERENCE) {
      return failed(refusal + "the only BLAS is " + search.finding()
          + ", the unoptimized reference implementation (slower than -D" + PROPERTY + "=java)"
          + INSTALL);
    }
    try {
      return chosen(source.load(library), how + kernels(library, environment));
    } catch (IllegalStateException e) {
      // The library is installed: installing it would not help; the loader's message says what
      // may have stopped it (NativeBlasLoader#likelyCauses).
      return failed(refusal + e.getMessage() + "; leave " + PROPERTY
          + " unset to use the Java kernel");
    }
  }

  private static GemmSelection chosen(Gemm gemm, String reason) {
    return new GemmSelection(Optional.of(gemm), reason);
  }

  private static GemmSelection failed(String reason) {
    return new GemmSelection(Optional.empty(), reason);
  }

  /** One line: the backend and how it was chosen, or why the requested one is unavailable. */
  @Override
  public String toString() {
    return gemm.map(g -> g + ", " + reason).orElse("no GEMM backend: " + reason);
  }
}
