package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The runnable program, after {@code package}: {@code target/chainrule.jar} starts its main class
 * and enables native access for the class path, without which JDK 24 and later print a
 * "restricted method" warning on every command (netlib's System.load) and a JVM that denies
 * native access would not load the native BLAS; earlier JDKs ignore the attribute.
 */
class ProgramJarIT {
  @Test
  void theManifestNamesTheMainClassAndEnablesNativeAccess() throws IOException {
    try (JarFile jar = new JarFile("target/chainrule.jar")) {
      Attributes main = jar.getManifest().getMainAttributes();
      assertEquals("dev.chainrule.examples.Main", main.getValue("Main-Class"));
      assertEquals("ALL-UNNAMED", main.getValue("Enable-Native-Access"));
    }
  }
}
