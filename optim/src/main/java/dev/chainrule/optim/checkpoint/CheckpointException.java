package dev.chainrule.optim.checkpoint;

/**
 * A checkpoint could not be read or written: the file breaks a rule of the safetensors format (or
 * one of chainrule's limits), or the file system failed. The message reads
 * {@code <file>: <rule>: <details>}, e.g. {@code model.safetensors: header length beyond the end
 * of the file: 4096 bytes declared, 120 after the length field}; {@link #rule()} tells callers
 * which rule without parsing the text.
 *
 * <p>Unchecked on purpose: an {@code IOException} from the file system is wrapped here too (rule
 * {@link Rule#IO_ERROR}, with the original as the cause), so a caller handles one exception type
 * for "this checkpoint cannot be used", whatever the reason.
 */
public final class CheckpointException extends RuntimeException {
  /** The rule a checkpoint broke; {@link #text()} is the phrase that appears in the message. */
  public enum Rule {
    FILE_TOO_SHORT("file shorter than the 8-byte header length"),
    HEADER_TOO_LARGE("header length over the 100 MB limit"),
    HEADER_BEYOND_FILE("header length beyond the end of the file"),
    HEADER_START("header does not begin with '{'"),
    INVALID_UTF8("header is not valid UTF-8"),
    INVALID_JSON("header is not valid JSON"),
    DUPLICATE_KEY("duplicate key in header"),
    EMPTY_NAME("empty tensor name"),
    ENTRY_NOT_OBJECT("tensor entry is not an object"),
    MISSING_FIELD("tensor entry lacks a field"),
    EXTRA_FIELD("tensor entry has an extra field"),
    WRONG_TYPE("header field has the wrong type"),
    UNKNOWN_DTYPE("unknown dtype"),
    UNSUPPORTED_DTYPE("unsupported dtype"),
    INVALID_SHAPE("shape dimension is not a non-negative integer"),
    TENSOR_TOO_LARGE("tensor too large for chainrule"),
    INVALID_OFFSETS("data_offsets is not [begin, end] with 0 <= begin <= end"),
    SIZE_MISMATCH("shape and dtype do not match the byte range"),
    OVERLAP("data_offsets overlap"),
    GAP("gap between tensors' data"),
    DATA_END("data does not end where the file ends"),
    METADATA_NOT_OBJECT("__metadata__ is not an object"),
    METADATA_NOT_STRING("metadata value is not a string"),
    IO_ERROR("I/O error");

    private final String text;

    Rule(String text) {
      this.text = text;
    }

    /** The phrase that names this rule in messages. */
    public String text() {
      return text;
    }
  }

  private final Rule rule;

  CheckpointException(String source, Rule rule, String details) {
    this(source, rule, details, null);
  }

  CheckpointException(String source, Rule rule, String details, Throwable cause) {
    super(source + ": " + rule.text() + ": " + details, cause);
    this.rule = rule;
  }

  /** Which rule was broken. */
  public Rule rule() {
    return rule;
  }
}
