package dev.chainrule.optim.data;

import java.io.File;
import java.util.Optional;

/**
 * What the command lines (the program's and the Spark launcher's) refuse in a path as typed,
 * before Java's {@link java.nio.file.Path} reads it: one rule and one wording for every
 * launcher, each throwing its own exception with the message.
 */
public final class CommandLinePaths {
  private CommandLinePaths() {}

  /**
   * Why a file's name as typed names a folder: it ends in a separator, which a Path drops, so
   * {@code --save m.safetensors/} wrote the file {@code m.safetensors}.
   *
   * @param option the option's long name, such as {@code --save}
   * @param typed the option's value as typed, or null when it was not typed
   * @return the refusal's message, or empty for a file's name
   */
  public static Optional<String> folderSpelling(String option, String typed) {
    if (typed == null || typed.length() <= 1
        || !(typed.endsWith("/") || typed.endsWith(File.separator))) {
      return Optional.empty();
    }
    return Optional.of(option + " " + typed + " ends in '" + typed.charAt(typed.length() - 1)
        + "', which names a folder, not a file: give the file's name without it");
  }
}
