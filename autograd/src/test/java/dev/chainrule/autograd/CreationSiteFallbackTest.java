package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.FutureTask;
import org.junit.jupiter.api.Test;

/**
 * When only the JDK calls the library (a task the JDK's own thread runs, given as a method
 * reference, whose frame the stack trace hides), the site is the first JDK frame outside the
 * library: where the call came from, rather than nothing. Found by mutation testing (issue 15);
 * the usual case, user code calling, is {@code usage.CreationSiteTest}'s.
 */
class CreationSiteFallbackTest {

  @Test
  void aCallFromTheJdkAloneIsPlacedAtTheJdksFrame() throws Exception {
    FutureTask<CreationSite> task = new FutureTask<>(CreationSite::capture);
    Thread thread = new Thread(task);
    thread.start();
    StackTraceElement site = task.get().frame();
    assertEquals(FutureTask.class.getName(), site.getClassName());
    assertEquals("run", site.getMethodName());
  }
}
