package dev.chainrule.core.gemm;

import java.util.Optional;

/**
 * Where the selection gets its native BLAS from: a search for a library, then loading it. The
 * system's is {@link NativeBlasLoader}; tests inject what was "found" and what loading does, so the
 * selection logic is tested without depending on the machine.
 */
interface NativeBlasSource {
  /** What a search found: a library, or none, with a sentence saying what was looked at. */
  record Search(Optional<BlasLibrary> library, String finding) {}

  /** Looks for a BLAS library without loading anything. */
  Search search();

  /**
   * Loads the library found and returns a backend on it.
   *
   * @throws IllegalStateException saying why, when it does not load
   */
  Gemm load(BlasLibrary library);
}
