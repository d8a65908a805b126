package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * gates refuses a --max-epochs above 100,000 (BadOptionsTest) with the reason that the four
 * linearly separable gates take 6 epochs at most whatever --lr, since from θ = 0 the rate only
 * scales θ: this keeps that reason true.
 */
class GatesEpochBoundTest {
  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"0.001", "1", "37.5", "1000"})
  void theSeparableGatesTakeTheSameEpochsAtAnyRate(String rate) throws IOException {
    Cli.Result r = Cli.run("gates", "--lr", rate, "--out", dir.toString(), "--json");
    assertEquals(0, r.exitCode(), r.err());
    Map<String, Object> json = r.json();
    assertEquals(6.0, json.get("and_epochs"), r.out());
    assertEquals(4.0, json.get("or_epochs"), r.out());
    assertEquals(6.0, json.get("nand_epochs"), r.out());
    assertEquals(4.0, json.get("nor_epochs"), r.out());
    assertEquals(false, json.get("xor_learned"), r.out());
  }
}
