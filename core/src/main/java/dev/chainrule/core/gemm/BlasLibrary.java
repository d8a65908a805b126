package dev.chainrule.core.gemm;

import static com.google.common.base.Preconditions.checkNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A BLAS shared library on disk and which implementation it is. Debian installs every BLAS under
 * the name {@code libblas.so.3} through update-alternatives, so the name a program asks for says
 * nothing: the reference implementation ({@code libblas3}, unoptimized, a few GFLOP/s) answers to
 * it exactly as OpenBLAS does. The kind is therefore read from the library's real path (symbolic
 * links resolved: {@code .../openblas-pthread/libblas.so.3}, {@code .../blis-openmp/...},
 * {@code libmkl_rt.so}) and, where the path does not tell, from names only an optimized library
 * carries in its symbol table ({@code openblas_get_config}, {@code bli_info_get_version_str},
 * {@code mkl_serv_...}).
 *
 * @param kind which implementation
 * @param path the real path of the file (symbolic links resolved)
 */
public record BlasLibrary(Kind kind, Path path) {
  /** The implementations told apart; only the optimized ones are chosen automatically. */
  public enum Kind {
    /** OpenBLAS, optimized; Debian's {@code libopenblas0-pthread}. */
    OPENBLAS("OpenBLAS", true),
    /** BLIS, optimized. */
    BLIS("BLIS", true),
    /** Intel's oneMKL, optimized. */
    MKL("MKL", true),
    /**
     * ATLAS: tuned when it is built, not counted as optimized; used only with
     * {@code -Dchainrule.gemm=native}.
     */
    ATLAS("ATLAS", false),
    /** Netlib's reference BLAS: plain loops, slower than the Java kernel; never chosen. */
    REFERENCE("reference BLAS", false),
    /**
     * A library neither its path nor its symbols identify; used only with
     * {@code -Dchainrule.gemm=native}.
     */
    UNKNOWN("unidentified BLAS", false);

    private final String label;
    private final boolean optimized;

    Kind(String label, boolean optimized) {
      this.label = label;
      this.optimized = optimized;
    }

    /**
     * Whether this is one of the optimized libraries (OpenBLAS, BLIS, MKL).
     *
     * @return true for the kinds the automatic choice takes
     */
    public boolean isOptimized() {
      return optimized;
    }

    @Override
    public String toString() {
      return label;
    }
  }

  /** Files larger than this are not scanned for marker names (MKL's are about 100 MB). */
  private static final long SCAN_LIMIT = 256L << 20;
  /** Bytes read at a time while looking for a marker. */
  private static final int CHUNK = 1 << 20;
  /** Bytes a chunk keeps from the last: more than any marker, so one split by the reads is seen. */
  private static final int OVERLAP = 32;

  /**
   * Identifies the library a path leads to: by the real path's name first, then by marker names
   * in the file's contents (files up to 256 MiB); a {@code libblas...} file with neither is the
   * reference BLAS.
   *
   * @param path the library file or a symbolic link to it, such as
   *     {@code /usr/lib/x86_64-linux-gnu/libblas.so.3}
   * @return the kind and the real path (symbolic links resolved); {@link Kind#UNKNOWN} when
   *     nothing identifies it
   * @throws IOException when the path cannot be resolved or read
   */
  public static BlasLibrary identify(Path path) throws IOException {
    checkNotNull(path, "BlasLibrary.identify: path is null");
    Path real = path.toRealPath();
    Kind byPath = kindFromPath(real);
    if (byPath != Kind.UNKNOWN) {
      return new BlasLibrary(byPath, real);
    }
    Kind byContent = Files.size(real) <= SCAN_LIMIT ? kindFromContent(real) : Kind.UNKNOWN;
    if (byContent == Kind.UNKNOWN && real.getFileName().toString().startsWith("libblas")) {
      return new BlasLibrary(Kind.REFERENCE, real);
    }
    return new BlasLibrary(byContent, real);
  }

  /** The kind a real path names in its file name or its folder's name, or UNKNOWN. */
  static Kind kindFromPath(Path real) {
    Path folder = real.getParent() == null ? null : real.getParent().getFileName();
    String text = ((folder == null ? "" : folder + "/") + real.getFileName())
        .toLowerCase(Locale.ROOT);
    if (text.contains("openblas")) {
      return Kind.OPENBLAS;
    }
    if (text.contains("blis")) {
      return Kind.BLIS;
    }
    if (text.contains("mkl")) {
      return Kind.MKL;
    }
    if (text.contains("atlas")) {
      return Kind.ATLAS;
    }
    return Kind.UNKNOWN;
  }

  /** The kind whose marker names appear in the file (its dynamic symbols or needed libraries). */
  static Kind kindFromContent(Path file) throws IOException {
    String[] markers = {"openblas_get_config", "libopenblas", "bli_info_get_version_str",
        "libblis", "mkl_serv_", "libmkl_"};
    Kind[] kinds = {Kind.OPENBLAS, Kind.OPENBLAS, Kind.BLIS, Kind.BLIS, Kind.MKL, Kind.MKL};
    byte[] buffer = new byte[CHUNK + OVERLAP];
    try (InputStream in = Files.newInputStream(file)) {
      int kept = 0;
      for (int read; (read = in.readNBytes(buffer, kept, buffer.length - kept)) > 0; ) {
        int length = kept + read;
        String chunk = new String(buffer, 0, length, StandardCharsets.ISO_8859_1);
        for (int m = 0; m < markers.length; m++) {
          if (chunk.contains(markers[m])) {
            return kinds[m];
          }
        }
        kept = Math.min(OVERLAP, length);
        System.arraycopy(buffer, length - kept, buffer, 0, kept);
      }
    }
    return Kind.UNKNOWN;
  }

  @Override
  public String toString() {
    return kind + ", " + path;
  }
}
