package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** A failure's one line for people: what went wrong and with which file, never a Java type. */
class ErrorsTest {
  @Test
  void fileFailuresNameTheFileInsideAnUncheckedWrapperToo() {
    assertEquals("no such file: a.csv", Errors.describe(
        new UncheckedIOException("reading", new NoSuchFileException("a.csv"))));
    assertEquals("permission denied: /root/m.st",
        Errors.describe(new AccessDeniedException("/root/m.st")));
    assertEquals("is a directory: d", Errors.describe(
        new FileSystemException("d", null, "Is a directory")));
    assertEquals("input/output failure: stream closed",
        Errors.describe(new IOException("stream closed")));
    assertEquals("input/output failure", Errors.describe(new IOException()));
  }

  @Test
  void failuresWithoutWordsSayWhereToLook() {
    assertEquals("internal error (--verbose shows where)",
        Errors.describe(new IllegalStateException(" ")));
    assertEquals("internal error (--verbose shows where)",
        Errors.describe(new NullPointerException()));
    assertEquals("internal error: the call stack overflowed (--verbose shows where)",
        Errors.describe(new StackOverflowError()));
  }

  /** Out of memory: the heap Java has, in GB, and twice it in whole GiB for -Xmx. */
  @Test
  void outOfMemoryAdvisesTwiceTheHeap() {
    double heap = Runtime.getRuntime().maxMemory();
    assertEquals(String.format(Locale.ROOT, "out of memory: the model or the data needs more than"
        + " the %.1f GB Java may use here; give Java more memory (twice as much: java -Xmx%dg"
        + " -jar chainrule.jar ...)", heap / 1e9, (long) Math.ceil(2 * heap / (1 << 30))),
        Errors.describe(new OutOfMemoryError("Java heap space")));
  }

  @Test
  void aLongMessageIsCutAtItsLimit() {
    String limit = "x".repeat(Errors.MAX_LENGTH);
    assertEquals(limit, Errors.describe(new IllegalArgumentException(limit)));
    assertEquals(limit + "…", Errors.describe(new IllegalArgumentException(limit + "y")));
    assertEquals("two?lines", Errors.describe(new IllegalArgumentException("two\nlines")));
  }
}
