package dev.chainrule.core;

/**
 * Element type of a {@link Tensor}.
 *
 * <p>FLOAT64 is the default and the precision of every gradient check. FLOAT32 is declared so that
 * the API and file formats can name it now; its kernels come later, and asking a tensor operation
 * for it today throws {@link UnsupportedOperationException}.
 */
public enum DType {
  /** IEEE 754 binary64, the default. */
  FLOAT64(8, "F64"),
  /** IEEE 754 binary32: named, not yet computed with. */
  FLOAT32(4, "F32");

  private final int byteSize;
  private final String shortName;

  DType(int byteSize, String shortName) {
    this.byteSize = byteSize;
    this.shortName = shortName;
  }

  /** Bytes per element. */
  public int byteSize() {
    return byteSize;
  }

  /** The short name used by file formats such as safetensors ({@code F64}, {@code F32}). */
  public String shortName() {
    return shortName;
  }

  /** Whether tensors of this type can be created and computed with today. */
  public boolean isImplemented() {
    return this == FLOAT64;
  }
}
