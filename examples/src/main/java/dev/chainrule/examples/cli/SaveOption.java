package dev.chainrule.examples.cli;

import dev.chainrule.examples.plot.ChartFormat;
import dev.chainrule.optim.checkpoint.SafeTensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The checks of a training command's {@code --save} file, made before any work. {@code --save s4
 * --out s4} was refused as "s4 is a folder" after the output folder's check had created s4, and
 * the message did not say that the two options named one path: {@link #requireDistinct} runs
 * before that check.
 */
final class SaveOption {
  private SaveOption() {}

  /**
   * Refuses {@code --save} and {@code --out} naming one path, before the output folder is
   * created.
   *
   * @param spec the command, for the usage message
   * @param save the file to save to
   * @param out the output folder
   */
  static void requireDistinct(CommandSpec spec, Path save, Path out) {
    Usage.check(!samePath(save, out), spec, "--save and --out name the same path, %s: --out is"
        + " the folder of the charts and --save the model's file in it or elsewhere; give --save"
        + " a file name, such as %s", save, out.resolve("model.safetensors"));
  }

  /**
   * Refuses a {@code --save} file the run could not write, or should not replace.
   *
   * @param spec the command, for the usage message
   * @param save the file to save to
   * @param typed {@code --save}'s value as typed
   */
  static void check(CommandSpec spec, Path save, String typed) {
    // A folder that exists is refused first, with a file name to give in it.
    PathChecks.requireWritableFile("--save", save, "model.safetensors");
    PathChecks.requireFileName("--save", typed);
    Usage.check(!SafeTensors.holdsOtherContent(save), spec, "--save %s would replace"
        + " a file that is not a safetensors checkpoint; give the path of a new file, or of a"
        + " checkpoint to replace (remove the file first if it is meant to go)", save);
    // The model is saved before the charts are drawn: one named as a chart (loss.png in --out)
    // was replaced by it, and the run ended with exit 0 and no model.
    String name = String.valueOf(save.getFileName()).toLowerCase(Locale.ROOT);
    for (ChartFormat picture : ChartFormat.values()) {
      String extension = "." + picture.name().toLowerCase(Locale.ROOT);
      Usage.check(!name.endsWith(extension), spec, "--save %s is named as a picture (%s), as"
          + " the run's charts are: a chart could replace the model; give a name such as"
          + " model.safetensors", save, extension);
    }
  }

  /** The same path as typed (./s4 and s4), or the same file or folder through links. */
  private static boolean samePath(Path a, Path b) {
    if (a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())) {
      return true;
    }
    try {
      return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
    } catch (IOException e) {
      return false;  // one cannot be read: the file's own checks say why
    }
  }
}
