package dev.chainrule.optim.checkpoint;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Reads and writes checkpoints in the <a href="https://github.com/huggingface/safetensors">
 * safetensors</a> format, so PyTorch and Hugging Face tools read chainrule's files and chainrule
 * reads theirs. A file is:
 *
 * <ol>
 *   <li>8 bytes: the header length {@code N}, an unsigned little-endian 64-bit integer;
 *   <li>{@code N} bytes: the header, UTF-8 JSON beginning with an opening brace and possibly
 *       padded with trailing spaces: an object mapping each tensor name to
 *       {@code {"dtype": "F64", "shape": [2, 3], "data_offsets": [begin, end]}}, plus an optional
 *       {@code "__metadata__"} object of string values (null reads as none, as in the reference
 *       reader);
 *   <li>the data section: each tensor's elements, row-major and little-endian, in bytes
 *       {@code [begin, end)} counted from the start of this section. The ranges cover the section
 *       with no gap or overlap, and it ends where the file ends.
 * </ol>
 *
 * <p><b>Types.</b> Each tensor is written in its own type (float64 as F64, float32 as F32), or all
 * in one type on request. Writing a float64 tensor as F32 rounds each value to the nearest float,
 * which keeps about 7 significant digits, turns magnitudes above about 3.4e38 into infinities and
 * below about 1.4e-45 into zeros, and keeps NaN and the infinities. Reading gives every value
 * exactly: F64 tensors as float64 and F32 tensors as float32; F16 and BF16 (PyTorch's
 * half-precision weights) and F8_E4M3 and F8_E5M2 (the finite "fn" E4M3 and the IEEE-like E5M2) as
 * float32, infinities and NaN staying what they are; I8, I16, I32, U8, U16 and U32 as float64; I64
 * (PyTorch's counters, such as batch normalization's {@code num_batches_tracked}) and U64 as
 * float64, exact for whole numbers up to 2⁵³ (a tensor holding a value beyond is listed in {@link
 * Checkpoint#unreadable()} as below, with the reason in {@link Checkpoint#inexact()}, and refused
 * where it is used); and BOOL as float64 0 and 1 (a byte other than 0 or 1 is refused). The tensors
 * named as integers on writing are written as I64. Writing uses F64, F32 and I64 only: there is no
 * half-precision writing. The type each tensor had in the file is kept
 * ({@link Checkpoint#fileTypes()}). A tensor of another type the format defines (C64, F4, the F6
 * types, F8_E8M0, the FNUZ variants) is checked as every tensor is (its range against its shape
 * and width, and the layout), not read, and listed in {@link Checkpoint#unreadable()}: the file
 * loads, and only a use of that tensor fails, as an <em>unsupported dtype</em>. So does a tensor
 * of no elements with a dimension beyond 2^31 - 1, which a chainrule shape cannot hold: listed
 * with its dimensions, and a use of it fails as a <em>tensor too large for chainrule</em>. A type
 * name the format does not define refuses the file as an <em>unknown dtype</em>.
 *
 * <p><b>Writing</b> is atomic: the file is written beside the target under a temporary name,
 * forced to the device and renamed over the target, so a crash or an error never leaves a partial
 * file under the target's name nor harms the checkpoint it replaces.
 *
 * <p><b>Reading</b> validates the whole header before it allocates any tensor, and rejects
 * anything the format forbids with a {@link CheckpointException} naming the file and the rule.
 *
 * <p><b>Errors.</b> A file that breaks the format, and any I/O failure of the file system, throw
 * the unchecked {@link CheckpointException}; mistakes in the arguments (null, an empty name, the
 * reserved name {@code __metadata__}, unpaired surrogates in a name) throw
 * {@link IllegalArgumentException} or {@link NullPointerException}. Names and metadata are
 * arbitrary non-empty Unicode strings; values may be NaN or infinite.
 */
public final class SafeTensors {
  /** The header key that holds the string metadata; no tensor may have this name. */
  public static final String METADATA_KEY = "__metadata__";

  /** The largest header read or written, as in the reference implementation: 100 MB. */
  public static final int MAX_HEADER_BYTES = 100_000_000;

  private static final String IN_MEMORY = "<bytes>";

  private SafeTensors() {}

  /**
   * Writes the tensors, each in its own type, without metadata.
   *
   * @param path the file
   * @param tensors the tensors by name, in order
   */
  public static void write(Path path, Map<String, Tensor> tensors) {
    write(path, tensors, Map.of());
  }

  /**
   * Writes the tensors, each in its own type, and the metadata (omitted from the header when
   * empty) to {@code path}, atomically replacing any file there.
   *
   * @throws CheckpointException if the file system fails; any previous file is then intact
   * @param path the file
   * @param tensors the tensors by name, in order
   * @param metadata string metadata for the header
   */
  public static void write(Path path, Map<String, Tensor> tensors, Map<String, String> metadata) {
    write(path, tensors, metadata, null, Set.of(), UnaryOperator.identity());
  }

  /**
   * Writes the tensors, each in its own type but those named in {@code integers}, which are
   * written as I64 (PyTorch's type for counters), and the metadata, atomically.
   *
   * @param path the file
   * @param tensors the tensors by name, in order
   * @param metadata string metadata for the header
   * @param integers names of tensors holding whole numbers (within ±2⁵³) to store as I64
   * @throws CheckpointException if the file system fails; any previous file is then intact
   */
  public static void writeWithInt64(Path path, Map<String, Tensor> tensors,
      Map<String, String> metadata, Set<String> integers) {
    write(path, tensors, metadata, null, integers, UnaryOperator.identity());
  }

  /**
   * Writes the tensors, in the map's order, and the metadata (omitted from the header when empty)
   * to {@code path}, atomically replacing any file there.
   *
   * @param path the file
   * @throws CheckpointException if the file system fails; any previous file is then intact
   * @param tensors the tensors by name, in order
   * @param metadata string metadata for the header
   * @param dtype the type of every tensor in the file: {@link DType#FLOAT64} (exact) or
   *     {@link DType#FLOAT32} (rounded, see above)
   */
  public static void write(Path path, Map<String, Tensor> tensors, Map<String, String> metadata,
      DType dtype) {
    checkNotNull(dtype, "checkpoint: dtype is null");
    write(path, tensors, metadata, dtype, Set.of(), UnaryOperator.identity());
  }

  /**
   * {@link #write(Path, Map, Map, DType)} with a decorator on the file stream, for fault tests; a
   * null {@code dtype} keeps each tensor's own.
   */
  static void write(Path path, Map<String, Tensor> tensors, Map<String, String> metadata,
      DType dtype, UnaryOperator<OutputStream> decorator) {
    write(path, tensors, metadata, dtype, Set.of(), decorator);
  }

  private static void write(Path path, Map<String, Tensor> tensors, Map<String, String> metadata,
      DType dtype, Set<String> integers, UnaryOperator<OutputStream> decorator) {
    checkNotNull(path, "checkpoint: path is null");
    checkArgument(path.getFileName() != null, "checkpoint: %s names no file", path);
    CheckpointWriter writer = new CheckpointWriter(tensors, metadata, dtype, integers);
    try {
      AtomicFile.write(path, writer::writeTo, decorator);
    } catch (IOException e) {
      throw new CheckpointException(path.toString(), CheckpointException.Rule.IO_ERROR,
          "writing failed, any previous file is intact: "
              + IoFailures.describe(e, path.toString()), e);
    }
  }

  /**
   * Reads a checkpoint: tensors in the order of their data in the file, F32, F16, BF16 and the
   * F8 ones as float32, the others chainrule reads as float64, with each tensor's type in the
   * file, and those of types chainrule does not read listed in {@link Checkpoint#unreadable()}.
   *
   * @throws CheckpointException if the file breaks the format or cannot be read
   * @param path the file
   * @return the checkpoint
   */
  public static Checkpoint read(Path path) {
    return reading(path, CheckpointReader::read);
  }

  /**
   * Lists a file's tensors (name, type, shape) and metadata from its header, validated as for
   * {@link #read} but for the types: every type the format defines is listed, so this describes
   * files chainrule cannot read as well as those it can.
   *
   * @param path the file
   * @return its tensors and metadata
   * @throws CheckpointException if the file breaks the format or cannot be read
   */
  public static TensorListing list(Path path) {
    return reading(path, CheckpointReader::list);
  }

  /**
   * The metadata of a file's header, which is parsed and checked as for {@link #list}, but not
   * checked against the data section: a file whose header is whole but whose data is cut short
   * (a copy under way, a save killed part-way) still says what it is, where {@link #list}
   * refuses it ({@link CheckpointException.Rule#DATA_END}).
   *
   * @param path the file
   * @return the header's {@code __metadata__}, empty if it has none
   * @throws CheckpointException if the header breaks the format or cannot be read
   */
  public static Map<String, String> headerMetadata(Path path) {
    return reading(path, CheckpointReader::metadata);
  }

  /**
   * Whether {@code file} holds something that is not a safetensors file: replacing a checkpoint
   * is how a resumed run saves (and what a rerun means), but a data file or any other given as an
   * output by mistake was replaced without a word. The header is what is read (its listing), so
   * a checkpoint of any size is told apart at once; an empty file loses nothing.
   *
   * @param file the file to be written
   * @return true when a non-empty file is there and its header is not a safetensors one
   */
  public static boolean holdsOtherContent(Path file) {
    checkNotNull(file, "checkpoint: path is null");
    try {
      if (!Files.isRegularFile(file) || Files.size(file) == 0) {
        return false;
      }
      list(file);
      return false;
    } catch (IOException | RuntimeException e) {
      return true;  // not readable as a checkpoint, whatever the reason: not replaced blindly
    }
  }

  /** {@code reader} on the file's bytes, a failure to open or read it named as read's are. */
  private static <T> T reading(Path path, Function<ByteSource, T> reader) {
    checkNotNull(path, "checkpoint: path is null");
    try (FileChannel channel = open(path)) {
      return reader.apply(ByteSource.of(channel, path.toString()));
    } catch (IOException e) {
      throw new CheckpointException(path.toString(), CheckpointException.Rule.IO_ERROR,
          "reading failed: " + IoFailures.describe(e, path.toString()), e);
    }
  }

  /**
   * The file, opened to be read at the positions its header names. A pipe or a device cannot be
   * (a FIFO, {@code /dev/stdin} fed by a pipe): its size read as 0, and the file was refused as
   * "shorter than the 8-byte header length: it has 0 bytes", whatever it held.
   */
  private static FileChannel open(Path path) throws IOException {
    if (Files.exists(path) && !Files.isRegularFile(path) && !Files.isDirectory(path)) {
      throw new FileSystemException(path.toString(), null, "not a regular file (a pipe, a device"
          + " or a socket), which cannot be read at the positions a safetensors header names");
    }
    return FileChannel.open(path, StandardOpenOption.READ);
  }

  /**
   * The bytes of the file {@link #write(Path, Map, Map)} would write.
   *
   * @param tensors the tensors by name, in order
   * @param metadata string metadata for the header
   * @return the file's bytes
   */
  public static byte[] toBytes(Map<String, Tensor> tensors, Map<String, String> metadata) {
    return bytes(new CheckpointWriter(tensors, metadata, null, Set.of()));
  }

  /**
   * The bytes of the file {@link #write(Path, Map, Map, DType)} would write.
   *
   * @param tensors the tensors by name, in order
   * @param metadata string metadata for the header
   * @param dtype the element type every tensor is written in
   * @return the file's bytes
   */
  public static byte[] toBytes(Map<String, Tensor> tensors, Map<String, String> metadata,
      DType dtype) {
    checkNotNull(dtype, "checkpoint: dtype is null");
    return bytes(new CheckpointWriter(tensors, metadata, dtype, Set.of()));
  }

  private static byte[] bytes(CheckpointWriter writer) {
    checkArgument(writer.totalBytes() <= Integer.MAX_VALUE - 8,
        "toBytes: %s bytes do not fit in an array; write to a file instead", writer.totalBytes());
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) writer.totalBytes());
    try {
      writer.writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException("toBytes: a byte array stream failed", e);
    }
    return out.toByteArray();
  }

  /**
   * Reads a checkpoint from the bytes of a file, with the same checks as {@link #read(Path)}.
   *
   * @throws CheckpointException naming {@code <bytes>} as the file if the bytes break the format
   * @param bytes the file's bytes
   * @return the checkpoint
   */
  public static Checkpoint fromBytes(byte[] bytes) {
    checkNotNull(bytes, "checkpoint: bytes are null");
    return CheckpointReader.read(ByteSource.of(bytes, IN_MEMORY));
  }
}
