package dev.chainrule.optim.checkpoint;

import dev.chainrule.core.DType;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The element types the safetensors format knows, as its reference implementation lists them, and
 * what chainrule reads each as. Every value of the types read is kept exactly:
 *
 * <ul>
 *   <li>F64 and F32 are read as themselves (float64, float32);
 *   <li>F16 and BF16 (PyTorch's half-precision weights) and F8_E4M3 and F8_E5M2 (the 8-bit floats
 *       the format defines) as float32, which holds every value of theirs;
 *   <li>the whole-number types I8, I16, I32, U8, U16 and U32 (index buffers, quantized tables) as
 *       float64, which holds every value of theirs; I64 (PyTorch's counters, such as batch
 *       normalization's {@code num_batches_tracked}) and U64 as float64 too, which holds whole
 *       numbers exactly only up to 2⁵³, so a value beyond is refused on reading;
 *   <li>BOOL (a mask) as float64 0 and 1, as PyTorch's {@code load_state_dict} copies it into a
 *       float parameter.
 * </ul>
 *
 * <p>The others (C64, F4, the F6 types, F8_E8M0 and the FNUZ variants) are <em>unsupported</em>:
 * a file that holds them is read all the same, and only a use of such a tensor is refused
 * ({@link Checkpoint#unreadable()}), while a name missing here is <em>unknown</em> (a typo, a
 * damaged header, or a type newer than this list) and refuses the file, whose layout cannot be
 * checked without the type's width. Writing uses F64, F32 and I64 only.
 */
enum FileDType {
  BOOL(8), F4(4), F6_E2M3(6), F6_E3M2(6), U8(8), I8(8), F8_E5M2(8), F8_E4M3(8), F8_E8M0(8),
  F8_E4M3FNUZ(8), F8_E5M2FNUZ(8), I16(16), U16(16), F16(16), BF16(16), I32(32), U32(32), F32(32),
  C64(64), F64(64), I64(64), U64(64);

  private final int bits;

  FileDType(int bits) {
    this.bits = bits;
  }

  /**
   * Bytes that {@code elements} values of this type fill, or −1 when they do not fill whole bytes
   * (the sub-byte types must, as the reference implementation demands).
   */
  long bytes(long elements) {
    long total = elements * bits;
    return total % 8 == 0 ? total / 8 : -1;
  }

  private static final Map<String, FileDType> BY_NAME = Arrays.stream(values())
      .collect(Collectors.toUnmodifiableMap(Enum::name, Function.identity()));

  /** The type with this exact (case-sensitive) name, as it appears in headers. */
  static Optional<FileDType> named(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  /** The chainrule type this file type is read as, if chainrule reads it. */
  Optional<DType> coreType() {
    return switch (this) {
      case F64, I64, U64, I32, U32, I16, U16, I8, U8, BOOL -> Optional.of(DType.FLOAT64);
      case F32, F16, BF16, F8_E4M3, F8_E5M2 -> Optional.of(DType.FLOAT32);
      default -> Optional.empty();
    };
  }

  /**
   * Whether this is the file type of a chainrule type (F64, F32), read as itself; the other types
   * chainrule reads (F16, BF16, I64, ...) are widened on reading, and a load report names them.
   */
  boolean isCoreType() {
    return this == F64 || this == F32;
  }

  /**
   * Whether this type holds whole numbers (BOOL as 0 and 1): read as float64, its values may
   * round when they go into float32, depending on their size (beyond 2²⁴), which a load report
   * tells; the float types chainrule reads all go into float32 exactly.
   */
  boolean isWholeNumber() {
    return coreType().isPresent() && coreType().get() == DType.FLOAT64 && this != F64;
  }

  /**
   * The types chainrule reads, for messages: "BOOL, U8, I8, F8_E5M2, ..., F64, I64 and U64", by
   * width as the format lists them.
   */
  static String readable() {
    List<String> names = Arrays.stream(values()).filter(t -> t.coreType().isPresent())
        .map(Enum::name).toList();
    return String.join(", ", names.subList(0, names.size() - 1)) + " and "
        + names.get(names.size() - 1);
  }
}
