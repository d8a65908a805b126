package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Tensor;
import dev.chainrule.optim.checkpoint.Checkpoint;
import dev.chainrule.optim.checkpoint.SafeTensors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The program's advice, followed: a hunter followed each piece and found advice naming options
 * the run refuses (--seed and --hidden under --load), more epochs for a loss that had settled
 * (and a local minimum for one still falling slowly from its start),
 * gradient pictures the run never wrote, "none" for an option whose none reads as 0, and
 * "--lr 3e1". Each run here follows what the advice now says.
 */
class FollowedCliAdviceTest {
  @TempDir
  Path dir;

  private String path(String name) {
    return dir.resolve(name).toString();
  }

  private static Cli.Result ok(String... args) {
    Cli.Result r = Cli.run(args);
    assertEquals(0, r.exitCode(), r.err());
    return r;
  }

  /**
   * Seed 1 settles at loss 0.3466 (ln 2 / 2, a local minimum) and 20,000 epochs do not leave
   * it; the advice led with more epochs. It now says the loss settled, and its first remedy
   * learns XOR.
   */
  @Test
  void aSettledXorIsNotToldToTrainLonger() {
    Cli.Result stuck = ok("xor", "--seed", "1", "--out", path("a"));
    assertTrue(stuck.out().contains("XOR not learned: the training loss settled at 0.3466"),
        stuck.out());
    assertTrue(stuck.out().contains("which more epochs do not leave; try another --seed, or"
        + " --hidden 3\n"), stuck.out());
    assertFalse(stuck.out().contains("more --epochs"), stuck.out());
    // Followed.
    assertTrue(ok("xor", "--seed", "1", "--hidden", "3", "--out", path("b")).out()
        .contains("4 of 4 correct"));
  }

  /**
   * sgd at --lr 0.001 is still near its start after 1000 epochs (0.6777 to 0.6750, moving by
   * 3.9e-4 of itself per tenth) and learns XOR by 60,000: it was called settled in a local
   * minimum, and sent to another seed. Judged against its own descent it is slow, and told to
   * take larger steps, which learn XOR.
   */
  @Test
  void aSlowXorIsNotCalledSettled() {
    Cli.Result slow = ok("xor", "--seed", "2", "--optimizer", "sgd", "--lr", "0.001", "--out",
        path("a"));
    assertTrue(slow.out().contains("XOR not learned: the training loss is still near its start"
        + " (0.6750 after 1000 epochs, from 0.6777), steps too small for this many epochs; try a"
        + " larger --lr, or more --epochs\n"), slow.out());
    assertFalse(slow.out().contains("settled"), slow.out());
    // Followed.
    assertTrue(ok("xor", "--seed", "2", "--optimizer", "sgd", "--lr", "0.1", "--out", path("b"))
        .out().contains("4 of 4 correct"));
  }

  /**
   * Under --load, xor refuses another --seed or --hidden, and its advice named them; it now
   * says to train a new network without --load for them, and more epochs only while the loss
   * still moves.
   */
  @Test
  void xorUnderLoadNamesOnlyWhatItTakes() {
    ok("xor", "--seed", "1", "--epochs", "50", "--save", path("short.safetensors"), "--out",
        path("a"));
    Cli.Result more = ok("xor", "--load", path("short.safetensors"), "--epochs", "20", "--out",
        path("b"));
    assertTrue(more.out().contains("; try more --epochs, or a new network trained without --load,"
        + " with another --seed or --hidden 3\n"), more.out());
    assertFalse(more.out().contains("more --epochs, another --seed"), more.out());
    // What the old advice named is refused under --load, as the new advice says.
    assertEquals(2, Cli.run("xor", "--load", path("short.safetensors"), "--hidden", "3",
        "--out", path("c")).exitCode());
    // Followed: more epochs go on from the file.
    ok("xor", "--load", path("short.safetensors"), "--epochs", "100", "--out", path("d"));

    ok("xor", "--seed", "1", "--save", path("settled.safetensors"), "--out", path("e"));
    Cli.Result settled = ok("xor", "--load", path("settled.safetensors"), "--epochs", "100",
        "--out", path("f"));
    assertTrue(settled.out().contains("; try a new network trained without --load, with another"
        + " --seed or --hidden 3\n"), settled.out());
    assertFalse(settled.out().contains("more --epochs"), settled.out());
  }

  /**
   * A loaded model whose ReLUs are all dead (first bias −1000): every weight's gradient is 0, no
   * gradient picture is written, and the chance warning sent the user to look at them and try
   * another --lr. It now names the dead units and a new model, as --load keeps the network.
   */
  @Test
  void deadUnitsAreNamedAndNoMissingPictureIsPointedAt() throws Exception {
    ok("iris", "--activation", "relu", "--epochs", "2", "--save", path("m.safetensors"),
        "--out", path("a"));
    Checkpoint file = SafeTensors.read(dir.resolve("m.safetensors"));
    Map<String, Tensor> tensors = new LinkedHashMap<>(file.tensors());
    Tensor bias = tensors.get("0.bias");
    double[] dead = new double[bias.size()];
    Arrays.fill(dead, -1000);
    tensors.put("0.bias", Tensor.of(dead, bias.shape().dims()));
    SafeTensors.write(dir.resolve("dead.safetensors"), tensors, file.metadata());

    Cli.Result r = ok("iris", "--load", path("dead.safetensors"), "--epochs", "3", "--out",
        path("b"));
    assertTrue(r.out().contains("the network learned nothing it can use; every weight's gradient"
        + " was exactly 0 in the last epoch, so no learning rate moves them (dead units: a ReLU"
        + " whose input is negative for every sample passes no gradient); try a new model"
        + " trained without --load, with another --seed"), r.out());
    assertFalse(r.out().contains("gradient pictures"), r.out());
    assertFalse(Files.exists(dir.resolve("b/gradients.png")), "no gradient picture written");
  }

  /**
   * A file whose run held out 0.2, loaded with --validation 0: the refusal echoed "0.0" and
   * said "give the same or none", where none reads as 0. It now echoes what was typed and says
   * to leave the option out, which, followed, runs.
   */
  @Test
  void aContradictedValidationSaysToLeaveItOut() {
    ok("iris", "--epochs", "2", "--validation", "0.2", "--save", path("m.safetensors"),
        "--out", path("a"));
    Cli.Result refused = Cli.run("iris", "--load", path("m.safetensors"), "--validation", "0",
        "--out", path("b"));
    assertEquals(2, refused.exitCode(), refused.out());
    assertTrue(refused.err().startsWith("error: --validation 0 contradicts m.safetensors, whose"
        + " run held out 0.2 of its training rows for validation (other rows would validate on"
        + " rows it trained on); give the same (--validation 0.2) or leave out --validation,"
        + " which takes the file's"), refused.err());
    ok("iris", "--load", path("m.safetensors"), "--epochs", "1", "--out", path("c"));
  }

  /** A divergence's advice names the rate as typed: "--lr 30", not "--lr 3e1". */
  @Test
  void aDivergedRateIsNamedPlainly() {
    Cli.Result r = Cli.run("xor", "--lr", "30", "--out", path("a"));
    assertEquals(1, r.exitCode(), r.out());
    assertTrue(r.err().strip().endsWith("try a smaller learning rate than --lr 30"), r.err());
  }
}
