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
import java.util.function.Function;

/**
 * Lays out and serializes one checkpoint: tensors contiguous from byte 0 of the data section, under
 * a compact header that lists {@code __metadata__} first (as the reference writer does) and is
 * padded with spaces to a multiple of 8 bytes, so the data section starts 8-byte aligned. Each
 * tensor is stored in its own type, or all in one type on request. The data keeps the map's order
 * within each type and puts the wider type first, so every tensor is aligned to its element size
 * without a gap (the format allows none); a file of one type is simply in the map's order.
 */
final class CheckpointWriter {
  private static final JsonFactory JSON = new JsonFactory();

  private final Map<String, Tensor> tensors;
  private final Function<Tensor, DType> typeOf;
  private final byte[] header;
  private final long dataBytes;

  /**
   * Validates the arguments (caller mistakes throw {@link IllegalArgumentException}).
   *
   * @param dtype the type every tensor is stored in, or {@code null} for each its own
   */
  CheckpointWriter(Map<String, Tensor> tensors, Map<String, String> metadata, DType dtype) {
    checkNotNull(tensors, "checkpoint: tensors are null");
    checkNotNull(metadata, "checkpoint: metadata is null");
    this.typeOf = dtype == null ? Tensor::dtype : t -> dtype;
    CharsetEncoder utf8 = StandardCharsets.UTF_8.newEncoder();
    tensors.forEach((name, tensor) -> {
      checkNotNull(name, "checkpoint: a tensor name is null");
      checkArgument(!name.isEmpty(), "checkpoint: a tensor name is empty");
      checkArgument(!name.equals(SafeTensors.METADATA_KEY),
          "checkpoint: the tensor name %s is reserved for metadata", SafeTensors.METADATA_KEY);
      checkArgument(utf8.canEncode(name), "checkpoint: tensor name %s is not valid Unicode "
          + "(unpaired surrogate)", HeaderParser.quote(name));
      checkNotNull(tensor, "checkpoint: tensor %s is null", HeaderParser.quote(name));
    });
    metadata.forEach((key, value) -> {
      checkNotNull(key, "checkpoint: a metadata key is null");
      checkNotNull(value, "checkpoint: metadata %s has a null value", HeaderParser.quote(key));
      checkArgument(utf8.canEncode(key) && utf8.canEncode(value),
          "checkpoint: metadata %s is not valid Unicode (unpaired surrogate)",
          HeaderParser.quote(key));
    });
    this.tensors = inDataOrder(tensors);
    long offset = 0;
    for (Tensor tensor : this.tensors.values()) {
      offset += (long) tensor.size() * typeOf.apply(tensor).byteSize();
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
    for (Tensor tensor : tensors.values()) {
      TensorBytes.write(out, tensor, typeOf.apply(tensor));
    }
  }

  /** The wider type first, the map's order within a type: every tensor aligned, no gaps. */
  private ImmutableMap<String, Tensor> inDataOrder(Map<String, Tensor> given) {
    ImmutableMap.Builder<String, Tensor> ordered = ImmutableMap.builder();
    for (DType type : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
      given.forEach((name, tensor) -> {
        if (typeOf.apply(tensor) == type) {
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
        DType type = typeOf.apply(entry.getValue());
        long end = offset + (long) entry.getValue().size() * type.byteSize();
        json.writeFieldName(entry.getKey());
        json.writeStartObject();
        json.writeStringField("dtype", type.shortName());
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
