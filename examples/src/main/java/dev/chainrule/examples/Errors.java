package dev.chainrule.examples;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/** One line, for people, about what went wrong. */
final class Errors {
  private Errors() {}

  static String describe(Throwable e) {
    Throwable cause = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
    if (cause instanceof NoSuchFileException missing) {
      return "no such file: " + missing.getFile();
    }
    if (cause instanceof AccessDeniedException denied) {
      return "permission denied: " + denied.getFile();
    }
    String message = cause.getMessage();
    return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
  }
}
