package dev.chainrule.optim.model;

/**
 * A model description cannot be used: it is absent, not JSON, of another format or version, or
 * breaks its schema or its own consistency. The message reads {@code <source>: <rule>: <details>},
 * e.g. {@code iris.safetensors: model description has an unknown field: "colour" in layers[1]};
 * {@link #rule()} says which rule without parsing the text.
 */
public final class InvalidDescriptionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The rule a description broke; {@link #text()} is the phrase in the message. */
  public enum Rule {
    ABSENT("no model description"),
    INVALID_JSON("model description is not valid JSON"),
    NOT_A_DESCRIPTION("not a chainrule model description"),
    UNSUPPORTED_VERSION("unsupported model description version"),
    DUPLICATE_FIELD("model description repeats a field"),
    MISSING_FIELD("model description lacks a field"),
    UNKNOWN_FIELD("model description has an unknown field"),
    WRONG_TYPE("model description field has the wrong type"),
    UNKNOWN_VALUE("model description names an unknown value"),
    INCONSISTENT("model description does not fit together");

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

  /** A description from {@code source} (a file name, say) broke {@code rule}. */
  public InvalidDescriptionException(String source, Rule rule, String details) {
    this(source, rule, details, null);
  }

  InvalidDescriptionException(String source, Rule rule, String details, Throwable cause) {
    super(source + ": " + rule.text() + ": " + details, cause);
    this.rule = rule;
  }

  /** Which rule was broken. */
  public Rule rule() {
    return rule;
  }
}
