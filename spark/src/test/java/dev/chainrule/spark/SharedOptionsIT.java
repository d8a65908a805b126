package dev.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The launcher promises the program's {@code train} options under the same names and defaults, so
 * that one command line trains the same network on the same split either way. The launcher does
 * not depend on the program (nothing of it belongs in the cluster's jar), so its options are
 * written twice; this compares them, reading {@code train}'s from the program's built jar (the
 * reactor builds {@code examples} before {@code spark}).
 */
class SharedOptionsIT {
  private static final Path PROGRAM = Path.of("..", "examples", "target", "chainrule.jar");

  @Test
  void everyOptionBothHaveHasOneDefault() throws Exception {
    assertTrue(Files.isRegularFile(PROGRAM), PROGRAM.toAbsolutePath()
        + " is missing: build the examples module first (./mvnw verify builds both)");
    Map<String, String> train = trainDefaults();
    Map<String, String> launcher = defaults(
        new CommandLine(new Launch()).getCommandSpec().options());
    Map<String, String> differing = new TreeMap<>();
    int shared = 0;
    for (Map.Entry<String, String> option : launcher.entrySet()) {
      if (train.containsKey(option.getKey())) {
        shared++;
        if (!String.valueOf(train.get(option.getKey())).equals(String.valueOf(option.getValue()))) {
          differing.put(option.getKey(), train.get(option.getKey()) + " | " + option.getValue());
        }
      }
    }
    assertEquals(Map.of(), differing, "train's default | the launcher's");
    // --csv, --label, --task, --test-fraction, --features, --drop, --delimiter, --missing,
    // --epochs, --batch-size, --lr, --optimizer, --hidden, --activation, --seed, --dtype,
    // --validation, --patience, --save, --help, --version and more: a comparison of something.
    assertTrue(shared >= 20, "only " + shared + " options in common: " + launcher.keySet());
  }

  /**
   * The defaults of the program's train command, built by its own picocli from its jar as the
   * program builds it (its per-command defaults come from a provider, not the annotations).
   */
  private static Map<String, String> trainDefaults() throws Exception {
    try (URLClassLoader jar = new URLClassLoader(new URL[] {PROGRAM.toUri().toURL()},
        ClassLoader.getPlatformClassLoader())) {
      Class<?> cli = jar.loadClass("picocli.CommandLine");
      Object program = cli.getConstructor(Object.class).newInstance(
          jar.loadClass("dev.chainrule.examples.Main").getConstructor().newInstance());
      jar.loadClass("dev.chainrule.examples.commands.Commands").getMethod("addTo", cli)
          .invoke(null, program);
      Object train = ((Map<?, ?>) cli.getMethod("getSubcommands").invoke(program)).get("train");
      Object provider = cli.getMethod("getDefaultValueProvider").invoke(train);
      Class<?> argSpec = jar.loadClass("picocli.CommandLine$Model$ArgSpec");
      Object spec = cli.getMethod("getCommandSpec").invoke(train);
      Map<String, String> defaults = new TreeMap<>();
      for (Object option : (List<?>) spec.getClass().getMethod("options").invoke(spec)) {
        String value = provider == null ? null : (String) provider.getClass()
            .getMethod("defaultValue", argSpec).invoke(provider, option);
        if (value == null) {
          value = (String) argSpec.getMethod("defaultValue").invoke(option);
        }
        defaults.put((String) option.getClass().getMethod("longestName").invoke(option), value);
      }
      return defaults;
    }
  }

  private static Map<String, String> defaults(List<OptionSpec> options) {
    Map<String, String> defaults = new TreeMap<>();
    options.forEach(option -> defaults.put(option.longestName(), option.defaultValue()));
    return defaults;
  }
}
