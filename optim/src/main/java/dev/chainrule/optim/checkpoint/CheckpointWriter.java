package dev.chainrule.optim.checkpoint;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.google.common.collect.ImmutableMap;
import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * Lays out and serializes one checkpoint: tensors contiguous from byte 0 of the data section, under
 * a compact header that lists {@code __metadata__} first (as the reference writer does) and is
 * padded with spaces to a multiple of 8 bytes, so the data section starts 8-byte aligned. Each
 * tensor is stored in its own type, or all in one type on request; the tensors named as integers
 * (counters) are stored as I64 whatever the rest. The data keeps the map's order within each
 * element width and puts the 8-byte types first, so every tensor is aligned to its element size
 * without a gap (the format allows none); a file of one type is simply in the map's order.
 */
final class CheckpointWriter {
  private static final JsonFactory JSON = new JsonFactory();

  private final Map<String, Tensor> tensors;
  private final DType dtype;
  private final Set<String> integers;
  private final byte[] header;
  private final long dataBytes;

  /**
   * Validates the arguments (caller mistakes throw {@link IllegalArgumentException}).
   *
   * @param dtype the type every tensor is stored in, or {@code null} for each its own
   * @param integers the names of the tensors stored as I64, whose values must be whole numbers
   */
  CheckpointWriter(Map<String, Tensor> tensors, Map<String, String> metadata, DType dtype,
      Set<String> integers) {
    checkNotNull(tensors, "checkpoint: tensors are null");
    checkNotNull(metadata, "checkpoint: metadata is null");
    this.dtype = dtype;
    this.integers = Set.copyOf(checkNotNull(integers, "checkpoint: integer names are null"));
    CharsetEncoder utf8 = StandardCharsets.UTF_8.newEncoder();
    tensors.forEach((name, tensor) -> {
      checkNotNull(name, "checkpoint: a tensor name is null");
      checkArgument(!name.isEmpty(), "checkpoint: a tensor name is empty");
      checkArgument(!name.equals(SafeTensors.METADATA_KEY),
          "checkpoint: the tensor name %s is reserved for metadata", SafeTensors.METADATA_KEY);
      checkArgument(utf8.canEncode(name), "checkpoint: tensor name %s is not valid Unicode "
          + "(unpaired surrogate)", Quoting.quote(name));
      checkNotNull(tensor, "checkpoint: tensor %s is null", Quoting.quote(name));
      checkArgument(!this.integers.contains(name) || isWhole(tensor), "checkpoint: tensor %s is"
          + " to be stored as I64 but holds values that are not whole numbers within ±2^53: %s",
          Quoting.quote(name), tensor);
    });
    for (String name : this.integers) {
      checkArgument(tensors.containsKey(name), "checkpoint: %s is named an integer tensor but"
          + " is not among the tensors", Quoting.quote(name));
    }
    metadata.forEach((key, value) -> {
      checkNotNull(key, "checkpoint: a metadata key is null");
      checkNotNull(value, "checkpoint: metadata %s has a null value", Quoting.quote(key));
      checkArgument(utf8.canEncode(key) && utf8.canEncode(value),
          "checkpoint: metadata %s is not valid Unicode (unpaired surrogate)",
          Quoting.quote(key));
    });
    this.tensors = inDataOrder(tensors);
    long offset = 0;
    for (Map.Entry<String, Tensor> entry : this.tensors.entrySet()) {
      offset += typeOf(entry.getKey(), entry.getValue()).bytes(entry.getValue().size());
    }
    this.dataBytes = offset;
    this.header = headerJson(metadata);
    checkArgument(header.length <= SafeTensors.MAX_HEADER_BYTES,
        "checkpoint: the header would take %s bytes, over the %s-byte limit of safetensors",
        header.length, SafeTensors.MAX_HEADER_BYTES);
  }

  /** Size of the whole file: length field, header and data. */
  long totalBytes() {
    return Long.BYTES + header.length + dataBytes;
  }

  /** Writes the whole file to {@code out}, which it neither flushes nor closes. */
  void writeTo(OutputStream out) throws IOException {
    out.write(ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN)
        .putLong(0, header.length).array());
    out.write(header);
    for (Map.Entry<String, Tensor> entry : tensors.entrySet()) {
      TensorBytes.write(out, entry.getValue(), typeOf(entry.getKey(), entry.getValue()));
    }
  }

  /** The file type a tensor is stored in. */
  private FileDType typeOf(String name, Tensor tensor) {
    if (integers.contains(name)) {
      return FileDType.I64;
    }
    return (dtype == null ? tensor.dtype() : dtype) == DType.FLOAT64 ? FileDType.F64
        : FileDType.F32;
  }

  private static boolean isWhole(Tensor tensor) {
    for (double v : tensor.toArray()) {
      if (v != Math.rint(v) || Math.abs(v) > TensorBytes.EXACT_LIMIT) {
        return false;
      }
    }
    return true;
  }

  /** The wider types first, the map's order within a width: every tensor aligned, no gaps. */
  private ImmutableMap<String, Tensor> inDataOrder(Map<String, Tensor> given) {
    ImmutableMap.Builder<String, Tensor> ordered = ImmutableMap.builder();
    for (long width : new long[] {8, 4}) {
      given.forEach((name, tensor) -> {
        if (typeOf(name, tensor).bytes(1) == width) {
          ordered.put(name, tensor);
        }
      });
    }
    return ordered.build();
  }

  private byte[] headerJson(Map<String, String> metadata) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JsonGenerator json = JSON.createGenerator(bytes, JsonEncoding.UTF8)) {
      json.writeStartObject();
      if (!metadata.isEmpty()) {
        json.writeFieldName(SafeTensors.METADATA_KEY);
        json.writeStartObject();
        for (Map.Entry<String, String> entry : metadata.entrySet()) {
          json.writeStringField(entry.getKey(), entry.getValue());
        }
        json.writeEndObject();
      }
      long offset = 0;
      for (Map.Entry<String, Tensor> entry : tensors.entrySet()) {
        FileDType type = typeOf(entry.getKey(), entry.getValue());
        long end = offset + type.bytes(entry.getValue().size());
        json.writeFieldName(entry.getKey());
        json.writeStartObject();
        json.writeStringField("dtype", type.name());
        json.writeFieldName("shape");
        int[] dims = entry.getValue().shape().dims();
        json.writeArray(dims, 0, dims.length);
        json.writeFieldName("data_offsets");
        json.writeArray(new long[] {offset, end}, 0, 2);
        json.writeEndObject();
        offset = end;
      }
      json.writeEndObject();
    } catch (IOException e) {
      // Generating into memory does no I/O, and the names were checked to be valid Unicode.
      throw new UncheckedIOException("checkpoint: cannot encode the header", e);
    }
    byte[] compact = bytes.toByteArray();
    byte[] padded = Arrays.copyOf(compact, (compact.length + 7) / 8 * 8);
    Arrays.fill(padded, compact.length, padded.length, (byte) ' ');
    return padded;
  }
}
