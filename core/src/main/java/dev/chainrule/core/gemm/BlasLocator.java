package dev.chainrule.core.gemm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where a BLAS library lies: the folders the dynamic linker searches, and the names to look for
 * there, optimized libraries first and {@code libblas.so.3} (whatever update-alternatives makes of
 * it) last. The folders are a parameter so that tests can lay out a file system of their own.
 */
final class BlasLocator {
  /** Names of optimized libraries, then the generic name every BLAS on Debian answers to. */
  static final List<String> NAMES = List.of("libopenblas.so.0", "libopenblas.so",
      "libblis.so.4", "libblis.so", "libmkl_rt.so.2", "libmkl_rt.so", "libblas.so.3");

  private final List<Path> folders;

  BlasLocator(List<Path> folders) {
    this.folders = List.copyOf(folders);
  }

  /** The folders of this system: LD_LIBRARY_PATH's, then the usual library folders. */
  static BlasLocator ofSystem() {
    return ofSystem(System.getenv("LD_LIBRARY_PATH"), System.getProperty("os.arch", ""));
  }

  /**
   * The folders for this value of LD_LIBRARY_PATH (null when unset) and of {@code os.arch}: the
   * former's entries, then the usual library folders, each once; given, so tests need not change
   * the environment.
   */
  static BlasLocator ofSystem(String ldLibraryPath, String arch) {
    Set<Path> folders = new LinkedHashSet<>();
    if (ldLibraryPath != null) {
      for (String entry : ldLibraryPath.split(":")) {
        if (!entry.isBlank()) {
          folders.add(Path.of(entry));
        }
      }
    }
    String triplet = multiarchTriplet(arch);
    for (String folder : new String[] {"/usr/lib/" + triplet, "/lib/" + triplet, "/usr/lib64",
        "/lib64", "/usr/lib", "/usr/local/lib", "/opt/OpenBLAS/lib"}) {
      folders.add(Path.of(folder));
    }
    return new BlasLocator(new ArrayList<>(folders));
  }

  /** The first library found, trying each name in every folder before the next name. */
  Optional<Path> find() {
    for (String name : NAMES) {
      Optional<Path> found = find(name);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /** A library of exactly this name in the first folder that has it. */
  Optional<Path> find(String name) {
    for (Path folder : folders) {
      Path candidate = folder.resolve(name);
      if (Files.isRegularFile(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  List<Path> folders() {
    return folders;
  }

  /** Debian's name for the library folder of this {@code os.arch}, e.g. x86_64-linux-gnu. */
  static String multiarchTriplet(String osArch) {
    String arch = osArch.toLowerCase(Locale.ROOT);
    return switch (arch) {
      case "amd64", "x86_64" -> "x86_64-linux-gnu";
      case "aarch64", "arm64" -> "aarch64-linux-gnu";
      case "ppc64le" -> "powerpc64le-linux-gnu";
      case "riscv64" -> "riscv64-linux-gnu";
      default -> arch + "-linux-gnu";
    };
  }
}
