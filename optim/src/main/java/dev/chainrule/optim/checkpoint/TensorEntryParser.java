package dev.chainrule.optim.checkpoint;

import static dev.chainrule.core.Tensors.LONGEST_ARRAY;
import static dev.chainrule.optim.checkpoint.CheckpointException.Rule.DUPLICATE_KEY;
import static dev.chainrule.optim.checkpoint.CheckpointException.Rule.EMPTY_NAME;
import static dev.chainrule.optim.checkpoint.CheckpointException.Rule.ENTRY_NOT_OBJECT;
import static dev.chainrule.optim.checkpoint.CheckpointException.Rule.EXTRA_FIELD;
import static dev.chainrule.optim.checkpoint.CheckpointException.Rule.INVALID_OFFSETS;
import static dev.chainrule.optim.checkpoint.CheckpointException.Rule.INVALID_SHAPE;
import static dev.chainrule.optim.checkpoint.CheckpointException.Rule.MISSING_FIELD;
import static dev.chainrule.optim.checkpoint.CheckpointException.Rule.TENSOR_TOO_LARGE;
import static dev.chainrule.optim.checkpoint.CheckpointException.Rule.UNKNOWN_DTYPE;
import static dev.chainrule.optim.checkpoint.CheckpointException.Rule.WRONG_TYPE;
import static dev.chainrule.optim.checkpoint.Quoting.quote;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.chainrule.core.Shape;
import dev.chainrule.optim.checkpoint.CheckpointException.Rule;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One tensor's entry in a safetensors header, read strictly for {@link HeaderParser}: exactly
 * the fields dtype, shape and data_offsets, each once; a dtype the format defines; a shape of
 * whole numbers whose element count a Java array holds; two ordered offsets. The header's own
 * structure (its text, its keys, its metadata) is the parser's; what an entry may hold is here.
 */
final class TensorEntryParser {
  private final String source;

  private TensorEntryParser(String source) {
    this.source = source;
  }

  /**
   * The entry of tensor {@code name}, whose value is the parser's current token.
   *
   * @throws CheckpointException naming the tensor and the first rule its entry breaks
   */
  static Header.Entry read(String source, String name, JsonParser json) throws IOException {
    return new TensorEntryParser(source).entry(name, json);
  }

  private Header.Entry entry(String name, JsonParser json) throws IOException {
    if (name.isEmpty()) {
      throw fail(EMPTY_NAME, "a tensor is named \"\"");
    }
    if (json.currentToken() != JsonToken.START_OBJECT) {
      throw fail(ENTRY_NOT_OBJECT, "tensor " + quote(name) + " maps to " + JsonTokens.token(json));
    }
    Set<String> fields = new HashSet<>();
    FileDType dtype = null;
    List<Long> dims = null;
    long[] offsets = null;
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String field = json.currentName();
      if (!fields.add(field)) {
        throw fail(DUPLICATE_KEY,
            "tensor " + quote(name) + " has field " + quote(field) + " twice");
      }
      json.nextToken();
      switch (field) {
        case "dtype" -> dtype = dtype(name, json);
        case "shape" -> dims = shape(name, json);
        case "data_offsets" -> offsets = offsets(name, json);
        default -> throw fail(EXTRA_FIELD, "tensor " + quote(name) + " has field " + quote(field)
            + " (allowed: dtype, shape, data_offsets)");
      }
    }
    for (String field : List.of("dtype", "shape", "data_offsets")) {
      if (!fields.contains(field)) {
        throw fail(MISSING_FIELD, "tensor " + quote(name) + " has no " + quote(field));
      }
    }
    checkElementCount(name, dims);
    return new Header.Entry(name, dtype, dims, offsets[0], offsets[1]);
  }

  private FileDType dtype(String name, JsonParser json) throws IOException {
    if (json.currentToken() != JsonToken.VALUE_STRING) {
      throw fail(WRONG_TYPE, "tensor " + quote(name) + ": dtype is " + JsonTokens.token(json)
          + ", not a string");
    }
    String text = json.getText();
    return FileDType.named(text).orElseThrow(() -> fail(UNKNOWN_DTYPE, "tensor "
        + quote(name) + " has dtype " + quote(text) + ", which safetensors does not define"));
  }

  /**
   * The dimensions as written. One beyond 2^31 - 1, which a {@link Shape} cannot hold, is kept
   * when another is 0: such a tensor has no elements and is valid (PyTorch makes one with
   * {@code torch.empty(2**31, 0)}), so its file is read and the tensor listed as unreadable,
   * where it once refused the whole file. A tensor with elements and such a dimension is too
   * large for chainrule, and so is a dimension beyond 2^63 - 1, more than any shape of
   * PyTorch's or NumPy's holds.
   */
  private List<Long> shape(String name, JsonParser json) throws IOException {
    if (json.currentToken() != JsonToken.START_ARRAY) {
      throw fail(WRONG_TYPE, "tensor " + quote(name) + ": shape is " + JsonTokens.token(json)
          + ", not an array");
    }
    List<Long> dims = new ArrayList<>();
    String beyondInt = null;  // the first dimension beyond 2^31 - 1, as written
    String beyondLong = null;  // the first beyond 2^63 - 1
    while (json.nextToken() != JsonToken.END_ARRAY) {
      if (!isNonNegativeInteger(json)) {
        throw fail(INVALID_SHAPE, "tensor " + quote(name) + ": shape element " + dims.size()
            + " is " + JsonTokens.token(json));
      }
      boolean huge = json.getNumberType() == JsonParser.NumberType.BIG_INTEGER;
      if (huge && beyondLong == null) {
        beyondLong = json.getText();
      }
      if ((huge || json.getLongValue() > Integer.MAX_VALUE) && beyondInt == null) {
        beyondInt = json.getText();
      }
      dims.add(huge ? Long.MAX_VALUE : json.getLongValue());  // a huge one is refused below
    }
    if (beyondInt != null && !dims.contains(0L)) {
      throw fail(TENSOR_TOO_LARGE, "tensor " + quote(name) + ": dimension " + beyondInt
          + " exceeds 2^31 - 1");
    }
    if (beyondLong != null) {
      throw fail(TENSOR_TOO_LARGE, "tensor " + quote(name) + ": dimension " + beyondLong
          + " exceeds 2^63 - 1");
    }
    return dims;
  }

  private long[] offsets(String name, JsonParser json) throws IOException {
    if (json.currentToken() != JsonToken.START_ARRAY) {
      throw fail(WRONG_TYPE, "tensor " + quote(name) + ": data_offsets is " + JsonTokens.token(json)
          + ", not an array");
    }
    long[] offsets = new long[2];
    int count = 0;
    while (json.nextToken() != JsonToken.END_ARRAY) {
      if (count == 2) {
        throw fail(INVALID_OFFSETS, "tensor " + quote(name) + " has more than two data_offsets");
      }
      if (!isNonNegativeInteger(json)
          || json.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
        throw fail(INVALID_OFFSETS, "tensor " + quote(name) + ": data_offsets element " + count
            + " is " + JsonTokens.token(json));
      }
      offsets[count++] = json.getLongValue();
    }
    if (count != 2) {
      throw fail(INVALID_OFFSETS, "tensor " + quote(name) + " has " + count + " data_offsets");
    }
    if (offsets[0] > offsets[1]) {
      throw fail(INVALID_OFFSETS, "tensor " + quote(name) + ": begin " + offsets[0] + " > end "
          + offsets[1]);
    }
    return offsets;
  }

  /**
   * Rejects shapes whose element count exceeds what a chainrule tensor holds: the longest array
   * HotSpot allocates, 2^31 - 3 elements ({@link dev.chainrule.core.Tensors#LONGEST_ARRAY}). A
   * tensor of 2^31 - 2 or 2^31 - 1 elements passed a bound of 2^31 - 1 and ended in
   * "OutOfMemoryError: Requested array size exceeds VM limit" when it was read. Every dimension
   * is below 2^31 here unless one is 0 ({@link #shape}).
   */
  private void checkElementCount(String name, List<Long> dims) {
    if (dims.contains(0L)) {
      return; // a zero-size tensor of any shape is fine
    }
    long count = 1;
    for (long d : dims) {
      count *= d; // both factors are below 2^31 and count stays below 2^31: no overflow
      if (count > LONGEST_ARRAY) {
        throw fail(TENSOR_TOO_LARGE, "tensor " + quote(name) + " has more than 2^31 - 3"
            + " elements, the most a Java array holds");
      }
    }
  }

  private static boolean isNonNegativeInteger(JsonParser json) throws IOException {
    return json.currentToken() == JsonToken.VALUE_NUMBER_INT
        && (json.getNumberType() == JsonParser.NumberType.BIG_INTEGER
            ? json.getBigIntegerValue().signum() >= 0 : json.getLongValue() >= 0);
  }

  private CheckpointException fail(Rule rule, String details) {
    return new CheckpointException(source, rule, details);
  }
}
