package dev.chainrule.core.gemm;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A thread's scratch buffers are reused while they are large enough, which is what they are for
 * (allocating them per product would cost as much as a small product's arithmetic), and grow
 * when they are not.
 */
class ScratchF64Test {
  @Test
  void panelRowsAreReusedUntilALargerPanelIsAsked() {
    ScratchF64 scratch = new ScratchF64();
    double[][] rows = scratch.rows(3, 5);
    double[] first = rows[0];
    assertTrue(rows.length >= 3 && rows[0].length >= 5 && rows[2].length >= 5);
    // Exactly the same size, then smaller: the very same arrays.
    assertSame(rows, scratch.rows(3, 5));
    assertSame(first, scratch.rows(3, 5)[0]);
    assertSame(rows, scratch.rows(2, 4));
    assertSame(first, scratch.rows(2, 4)[0]);
    // More rows, then longer ones: grown.
    double[][] taller = scratch.rows(4, 5);
    assertTrue(taller.length >= 4 && taller[3].length >= 5);
    assertSame(first, taller[0], "the rows it had are kept");
    double[][] wider = scratch.rows(4, 6);
    assertTrue(wider[0].length >= 6 && wider[3].length >= 6);
    assertNotSame(first, wider[0]);
  }

  @Test
  void theAccumulatorIsReusedUntilALongerOneIsAsked() {
    ScratchF64 scratch = new ScratchF64();
    double[] acc = scratch.acc(7);
    assertTrue(acc.length >= 7);
    assertSame(acc, scratch.acc(7));
    assertSame(acc, scratch.acc(3));
    assertTrue(scratch.acc(8).length >= 8);
  }

  @Test
  void eachThreadHasItsOwn() throws Exception {
    ScratchF64 mine = ScratchF64.get();
    assertSame(mine, ScratchF64.get());
    assertNotSame(mine, CompletableFuture.supplyAsync(ScratchF64::get,
        command -> new Thread(command).start()).get());
  }
}
