package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.gemm.GemmBackend;
import dev.chainrule.core.gemm.GemmSelection;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A backend asked for with -Dchainrule.gemm that cannot run is refused before the command prints
 * anything, not at its first matrix product after the header; help still answers. The selection
 * is made once per process, so the test installs a failed one as the property's outcome and puts
 * the process's own back afterwards.
 */
class RequestedBackendTest {
  private static final String REASON = "-Dchainrule.gemm=nonsense is not a backend; use java,"
      + " ejml or native";

  private GemmSelection saved;
  private String savedProperty;

  @BeforeEach
  void askForAMisspeltBackend() {
    saved = GemmBackend.selection();
    savedProperty = System.getProperty(GemmSelection.PROPERTY);
    System.setProperty(GemmSelection.PROPERTY, "nonsense");
    GemmBackend.restore(new GemmSelection(Optional.empty(), REASON));
  }

  @AfterEach
  void putTheProcessBackendBack() {
    GemmBackend.restore(saved);
    if (savedProperty == null) {
      System.clearProperty(GemmSelection.PROPERTY);
    } else {
      System.setProperty(GemmSelection.PROPERTY, savedProperty);
    }
  }

  @Test
  void refusedBeforeTheCommandPrintsItsHeader() {
    Cli.Result r = Cli.run("iris", "--epochs", "1");
    assertEquals(1, r.exitCode(), r.err());
    assertEquals("", r.out());
    assertEquals("error: " + REASON, r.err().strip());
  }

  @Test
  void helpStillAnswers() {
    assertEquals(0, Cli.run("iris", "--help").exitCode());
    assertEquals(0, Cli.run("help", "iris").exitCode());
    assertEquals(0, Cli.run("--version").exitCode());
  }
}
