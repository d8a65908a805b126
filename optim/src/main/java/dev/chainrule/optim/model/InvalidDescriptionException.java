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
    /** No model description. */
    ABSENT("no model description"),
    /** Model description is not valid JSON. */
    INVALID_JSON("model description is not valid JSON"),
    /** Not a chainrule model description. */
    NOT_A_DESCRIPTION("not a chainrule model description"),
    /** Unsupported model description version. */
    UNSUPPORTED_VERSION("unsupported model description version"),
    /** Model description repeats a field. */
    DUPLICATE_FIELD("model description repeats a field"),
    /** Model description lacks a field. */
    MISSING_FIELD("model description lacks a field"),
    /** Model description has an unknown field. */
    UNKNOWN_FIELD("model description has an unknown field"),
    /** Model description field has the wrong type. */
    WRONG_TYPE("model description field has the wrong type"),
    /** Model description names an unknown value. */
    UNKNOWN_VALUE("model description names an unknown value"),
    /** Model description does not fit together. */
    INCONSISTENT("model description does not fit together");

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

  /**
   * A description from {@code source} (a file name, say) broke {@code rule}.
   *
   * @param source the name errors give for the input
   * @param rule the broken rule
   * @param details the specifics
   */
  public InvalidDescriptionException(String source, Rule rule, String details) {
    this(source, rule, details, null);
  }

  InvalidDescriptionException(String source, Rule rule, String details, Throwable cause) {
    super(source + ": " + rule.text() + ": " + details, cause);
    this.rule = rule;
  }

  /**
   * Which rule was broken.
   *
   * @return the broken rule
   */
  public Rule rule() {
    return rule;
  }
}
