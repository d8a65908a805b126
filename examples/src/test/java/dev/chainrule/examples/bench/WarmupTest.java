package dev.chainrule.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warm-up runs on while the pages fault, and reads Linux's count of them. A block here
 * advances a clock of the test's own by a millisecond, so every count of blocks is exact, and so
 * is every time: a whole number of milliseconds, which Warmup's (now − start) / 1e9 rounds once
 * to the double nearest it, the literal's own.
 */
class WarmupTest {
  private static final long MILLISECOND = 1_000_000;
  private static final LongSupplier NO_COUNT = () -> -1;

  /** A block and the clock it advances: each run is one millisecond later. */
  private static final class Blocks implements Runnable {
    long runs;

    @Override
    public void run() {
      runs++;
    }

    LongSupplier clock() {
      return () -> runs * MILLISECOND;
    }
  }

  @Test
  void runsOnUntilAStretchWithoutFaults() {
    Blocks blocks = new Blocks();
    AtomicLong faults = new AtomicLong();
    // 250 faults a block for 200 blocks (an allocating step on fresh pages), then none.
    double seconds = Warmup.run(blocks, 0.05, () -> blocks.runs <= 200
        ? faults.addAndGet(250) : faults.get(), NO_COUNT, blocks.clock());
    // The faulting 200 ms, then a quiet stretch of half the minimum, 25 ms.
    assertEquals(225, blocks.runs);
    assertEquals(0.225, seconds);
  }

  @Test
  void quietFromTheStartStopsAtItsSeconds() {
    Blocks blocks = new Blocks();
    assertEquals(0.05, Warmup.run(blocks, 0.05, () -> 0, NO_COUNT, blocks.clock()));
    assertEquals(50, blocks.runs);
  }

  @Test
  void stopsAtTenTimesItsSecondsWhenTheFaultsGoOn() {
    Blocks blocks = new Blocks();
    AtomicLong faults = new AtomicLong();
    assertEquals(0.3, Warmup.run(blocks, 0.03, () -> faults.addAndGet(250), NO_COUNT,
        blocks.clock()));
  }

  @Test
  void neverLongerThanThirtySeconds() {
    Blocks blocks = new Blocks();
    AtomicLong faults = new AtomicLong();
    assertEquals(30, Warmup.run(blocks, 10, () -> faults.addAndGet(250), NO_COUNT,
        blocks.clock()));
  }

  @Test
  void withoutCountsRunsItsSecondsAlone() {
    Blocks blocks = new Blocks();
    assertEquals(0.03, Warmup.run(blocks, 0.03, NO_COUNT, NO_COUNT, blocks.clock()));
  }

  @Test
  void runsOnWhileTheCompilerWorks() {
    Blocks blocks = new Blocks();
    AtomicLong millis = new AtomicLong();
    // 2 ms of compiling every 10 blocks until block 300, then a stray millisecond at 400. Quiet
    // stretches of 0.2 s allow 2 ms (1 %): the compiling restarts them until block 300, and the
    // stray millisecond does not.
    double seconds = Warmup.run(blocks, 0.4, NO_COUNT, () -> blocks.runs <= 300
        ? millis.addAndGet(blocks.runs % 10 == 0 ? 2 : 0)
        : millis.addAndGet(blocks.runs == 400 ? 1 : 0), blocks.clock());
    assertEquals(0.5, seconds);
    blocks.runs = 0;
    millis.set(0);
    double longer = Warmup.run(blocks, 0.5, NO_COUNT, () -> blocks.runs <= 900
        ? millis.addAndGet(blocks.runs % 10 == 0 ? 2 : 0) : millis.get(), blocks.clock());
    // Quiet stretches of 0.25 s allow 2.5 ms: the compiling restarts them until block 900.
    assertEquals(1.15, longer);
  }

  @Test
  void aFaultEveryOtherBlockStillCountsAsQuiet() {
    Blocks blocks = new Blocks();
    AtomicLong faults = new AtomicLong();
    // A compiler thread's page now and then.
    assertEquals(0.03, Warmup.run(blocks, 0.03, () -> faults.addAndGet(blocks.runs % 2),
        NO_COUNT, blocks.clock()));
  }

  @Test
  void oneFaultABlockIsQuietAndTwoAreNot() {
    Blocks blocks = new Blocks();
    AtomicLong faults = new AtomicLong();
    assertEquals(0.03, Warmup.run(blocks, 0.03, () -> faults.addAndGet(1), NO_COUNT,
        blocks.clock()));
    blocks.runs = 0;
    assertEquals(0.3, Warmup.run(blocks, 0.03, () -> faults.addAndGet(2), NO_COUNT,
        blocks.clock()), "restarted at every block until the maximum");
  }

  @Test
  void aBurstWithinTheStretchStartsItAgain() {
    Blocks blocks = new Blocks();
    AtomicLong faults = new AtomicLong();
    // Faulting until block 25; at block 35, past the minimum but 10 ms into the 15 ms stretch,
    // the collector grows the young generation onto fresh pages: quiet again from there.
    double seconds = Warmup.run(blocks, 0.03, () -> blocks.runs <= 25 || blocks.runs == 35
        ? faults.addAndGet(250) : faults.get(), NO_COUNT, blocks.clock());
    assertEquals(0.05, seconds);
  }

  @Test
  void readsMinorFaultsAfterACommandWithSpacesAndParentheses(@TempDir Path dir)
      throws IOException {
    Path stat = dir.resolve("stat");
    Files.writeString(stat, "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 98765 0 12 0\n");
    assertEquals(OptionalLong.of(98765), Warmup.readMinorFaults(stat));
    assertEquals(OptionalLong.empty(), Warmup.readMinorFaults(dir.resolve("absent")));
    Files.writeString(stat, "garbled");
    assertEquals(OptionalLong.empty(), Warmup.readMinorFaults(stat));
  }

  @Test
  void timesThisJvmsCompilerWhereItCan() {
    long millis = Warmup.compilingMillis();
    if (ManagementFactory.getCompilationMXBean().isCompilationTimeMonitoringSupported()) {
      assertTrue(millis >= 0, "milliseconds: " + millis);
    } else {
      assertEquals(-1, millis);
    }
  }

  @Test
  void countsThisProcesssFaultsWhereLinuxDoes() {
    long faults = Warmup.minorFaults();
    if (Files.isReadable(Path.of("/proc/self/stat"))) {
      assertTrue(faults > 0, "a running JVM has faulted pages in: " + faults);
    } else {
      assertEquals(-1, faults);
    }
  }
}
