package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Module;
import dev.chainrule.optim.Optimizer;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The library's jars on the module path: each names itself ({@code Automatic-Module-Name}), the
 * four resolve side by side (no package split between them), and a class loaded through the module
 * layer works. Runs after {@code package} (failsafe), when the classes come from the built jars.
 */
class ModulePathIT {
  private static final List<Class<?>> ONE_CLASS_PER_JAR =
      List.of(Tensor.class, Variable.class, Module.class, Optimizer.class);
  private static final Set<String> NAMES = Set.of(
      "dev.chainrule.core", "dev.chainrule.autograd", "dev.chainrule.nn", "dev.chainrule.optim");

  @Test
  void theLibraryJarsResolveAsNamedModulesAndRun() throws Exception {
    Path[] jars = ONE_CLASS_PER_JAR.stream().map(ModulePathIT::jarOf).toArray(Path[]::new);
    ModuleFinder finder = ModuleFinder.of(jars);
    Set<String> found = finder.findAll().stream()
        .map(reference -> reference.descriptor().name()).collect(Collectors.toSet());
    assertEquals(NAMES, found, "module names of " + List.of(jars));
    for (ModuleReference reference : finder.findAll()) {
      assertTrue(reference.descriptor().isAutomatic(), reference.descriptor().name());
    }

    // Resolution fails on a package two jars both hold; Guava and the other dependencies stay on
    // the class path, which automatic modules read.
    ModuleLayer boot = ModuleLayer.boot();
    Configuration configuration =
        boot.configuration().resolve(finder, ModuleFinder.of(), NAMES);
    ModuleLayer layer = boot.defineModulesWithOneLoader(
        configuration, ClassLoader.getSystemClassLoader());
    Class<?> tensor = layer.findLoader("dev.chainrule.core").loadClass(Tensor.class.getName());
    assertEquals("dev.chainrule.core", tensor.getModule().getName());
    Object vector = tensor.getMethod("vector", double[].class)
        .invoke(null, (Object) new double[] {1.5, 2.5, -1});
    Object sum = tensor.getMethod("sum").invoke(vector);
    assertEquals(3.0, (double) tensor.getMethod("item").invoke(sum), 0.0, "exact in float64");
  }

  private static Path jarOf(Class<?> type) {
    try {
      Path path = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
      assertTrue(Files.isRegularFile(path) && path.toString().endsWith(".jar"),
          type.getName() + " comes from " + path + ", not a built jar: run through `verify`");
      return path;
    } catch (URISyntaxException e) {
      throw new AssertionError(type.getName() + ": no path for its code source", e);
    }
  }
}
