package dev.chainrule.optim.checkpoint;

/**
 * How the checkpoint classes put a file's names and values into messages: one form for the
 * parser, the layout checks, the reader and the writer, none of which needs the others for it.
 */
final class Quoting {
  private Quoting() {}

  /** A name or value quoted for a message, cut short if long (headers can hold megabytes). */
  static String quote(String text) {
    return "\"" + abbreviate(text) + "\"";
  }

  /** A value cut short if long, as {@link #quote} cuts it, without the quotes. */
  static String abbreviate(String text) {
    return text.length() <= 64 ? text : text.substring(0, 60) + "...";
  }
}
