package dev.chainrule.optim.checkpoint;

import java.io.IOException;
import java.util.Optional;

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
    /** File shorter than the 8-byte header length. */
    FILE_TOO_SHORT("file shorter than the 8-byte header length"),
    /** Header length over the 100 MB limit. */
    HEADER_TOO_LARGE("header length over the 100 MB limit"),
    /** Header length beyond the end of the file. */
    HEADER_BEYOND_FILE("header length beyond the end of the file"),
    /** Header does not begin with '&#123;'. */
    HEADER_START("header does not begin with '{'"),
    /** Header is not valid UTF-8. */
    INVALID_UTF8("header is not valid UTF-8"),
    /** Header is not valid JSON. */
    INVALID_JSON("header is not valid JSON"),
    /** Duplicate key in header. */
    DUPLICATE_KEY("duplicate key in header"),
    /** Empty tensor name. */
    EMPTY_NAME("empty tensor name"),
    /** Tensor entry is not an object. */
    ENTRY_NOT_OBJECT("tensor entry is not an object"),
    /** Tensor entry lacks a field. */
    MISSING_FIELD("tensor entry lacks a field"),
    /** Tensor entry has an extra field. */
    EXTRA_FIELD("tensor entry has an extra field"),
    /** Header field has the wrong type. */
    WRONG_TYPE("header field has the wrong type"),
    /** Unknown dtype. */
    UNKNOWN_DTYPE("unknown dtype"),
    /**
     * Unsupported dtype: a type the format defines and chainrule does not read, refused when the
     * tensor is used (loaded, or asked of a {@link Checkpoint}), not when the file is read.
     */
    UNSUPPORTED_DTYPE("unsupported dtype"),
    /**
     * A value of a supported dtype that float64 cannot hold exactly (an I64 or U64 beyond ±2⁵³).
     */
    INEXACT_VALUE("value float64 cannot hold exactly"),
    /** A BOOL element whose byte is neither 0 nor 1. */
    INVALID_BOOL("BOOL byte other than 0 or 1"),
    /** Shape dimension is not a non-negative integer. */
    INVALID_SHAPE("shape dimension is not a non-negative integer"),
    /**
     * Tensor too large for chainrule: more elements than an array holds, refusing the file; or,
     * for a tensor of no elements with a dimension beyond 2^31 - 1, which a shape cannot hold, a
     * use of it (the file is read, the tensor listed in {@link Checkpoint#unreadable()}).
     */
    TENSOR_TOO_LARGE("tensor too large for chainrule"),
    /** {@code data_offsets} is not [begin, end] with 0 ≤ begin ≤ end. */
    INVALID_OFFSETS("data_offsets is not [begin, end] with 0 <= begin <= end"),
    /** Shape and dtype do not match the byte range. */
    SIZE_MISMATCH("shape and dtype do not match the byte range"),
    /** {@code data_offsets} overlap. */
    OVERLAP("data_offsets overlap"),
    /** Gap between tensors' data. */
    GAP("gap between tensors' data"),
    /** Data does not end where the file ends. */
    DATA_END("data does not end where the file ends"),
    /** __metadata__ is not an object. */
    METADATA_NOT_OBJECT("__metadata__ is not an object"),
    /** Metadata value is not a string. */
    METADATA_NOT_STRING("metadata value is not a string"),
    /** I/O error. */
    IO_ERROR("I/O error");

    private final String text;

    Rule(String text) {
      this.text = text;
    }

    /**
     * The phrase that names this rule in messages.
     *
     * @return the rule in words
     */
    public String text() {
      return text;
    }
  }

  /** The broken rule. */
  private final Rule rule;

  CheckpointException(String source, Rule rule, String details) {
    this(source, rule, details, null);
  }

  CheckpointException(String source, Rule rule, String details, Throwable cause) {
    super(source + ": " + rule.text() + ": " + details, cause);
    this.rule = rule;
  }

  private CheckpointException(Rule rule, String message) {
    super(message);
    this.rule = rule;
  }

  /**
   * A file that is not a safetensors file at all (a CSV, a PNG, torch.save's zip), found out by a
   * rule it breaks: what it is comes first, since "header length over the 100 MB limit: 7e18 bytes
   * declared" sends its reader looking for a header that is not there; the rule follows.
   *
   * @param source the file's name
   * @param rule the rule the file breaks
   * @param what what the file is instead, as "it begins with the text "name,age""
   * @param details the rule's own details, as "7306915763740041582 bytes declared"
   * @return the exception
   */
  static CheckpointException notSafetensors(String source, Rule rule, String what,
      String details) {
    return new CheckpointException(rule, source + ": not a safetensors file: " + what + " ("
        + rule.text() + ": " + details + ")");
  }

  /**
   * Which rule was broken.
   *
   * @return the rule
   */
  public Rule rule() {
    return rule;
  }

  /**
   * The file system's failure this wraps ({@link Rule#IO_ERROR}: a full disk, a name too long, a
   * folder gone), or empty when the file broke a rule of the format, or the cause is not an
   * {@link IOException}: what a program reports as the file's option, and may work around.
   *
   * @return the file system's failure, if that is what this is
   */
  public Optional<IOException> fileSystemFailure() {
    return rule == Rule.IO_ERROR && getCause() instanceof IOException io ? Optional.of(io)
        : Optional.empty();
  }
}
