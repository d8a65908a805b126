package dev.chainrule.usage;

import static dev.chainrule.usage.AnomalyDetectionTest.line;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Op;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Where a recorded op was created: the innermost frame of user code, which here is this package
 * (outside the library's). Off unless asked for.
 */
class CreationSiteTest {
  private static final String HERE = CreationSiteTest.class.getName();
  private final Variable x = Variable.parameter(Tensor.vector(1, 2), "x");

  @Test
  void offByDefault_andNotCapturedUnlessAskedFor() {
    assertFalse(Autograd.isRecordingCreationSites());
    assertTrue(x.exp().creationSite().isEmpty());
  }

  @Test
  void aRecordedOpRemembersTheLineThatCreatedIt() {
    try (var sites = Autograd.recordCreationSites()) {
      assertTrue(Autograd.isRecordingCreationSites());
      Variable y = x.exp();  int line = line();
      StackTraceElement site = y.creationSite().orElseThrow();
      assertEquals(HERE, site.getClassName());
      assertEquals("aRecordedOpRemembersTheLineThatCreatedIt", site.getMethodName());
      assertEquals(line, site.getLineNumber());
      assertTrue(x.creationSite().isEmpty(), "a leaf was not created by an op");
      try (var noGrad = Autograd.noGrad()) {
        assertTrue(x.exp().creationSite().isEmpty(), "nothing recorded, nothing remembered");
      }
    }
    assertFalse(Autograd.isRecordingCreationSites(), "the scope restores what it found");
    assertTrue(x.exp().creationSite().isEmpty());
  }

  @Test
  void anomalyDetectionRecordsSitesToo() {
    try (var anomaly = Autograd.detectAnomaly()) {
      assertTrue(Autograd.isRecordingCreationSites());
      assertTrue(x.exp().creationSite().isPresent());
    }
  }

  /** A user's helper: the ops inside it were created here, not where the helper was called. */
  private static Variable softsign(Variable v) {
    return v.div(v.abs().add(1));
  }

  @Test
  void theSiteIsTheInnermostUserFrame_libraryAndJdkFramesAreSkipped() {
    try (var sites = Autograd.recordCreationSites()) {
      Variable helped = softsign(x);
      StackTraceElement inHelper = helped.creationSite().orElseThrow();
      assertEquals("softsign", inHelper.getMethodName());

      // Variable::exp is called by the stream's own code; the user's line is the stream's.
      List<Variable> mapped = Stream.of(x).map(Variable::exp).toList();  int line = line();
      StackTraceElement viaStream = mapped.get(0).creationSite().orElseThrow();
      assertEquals(HERE, viaStream.getClassName());
      assertEquals(line, viaStream.getLineNumber());

      // An op built from other ops (matmul of vectors: unsqueeze, matmul, squeeze) points here.
      Variable dot = x.matmul(x);  int dotLine = line();
      assertEquals(dotLine, dot.creationSite().orElseThrow().getLineNumber());
    }
  }

  @Test
  void aRuleCanReadItsOpsSiteFromTheContext() {
    List<Optional<StackTraceElement>> seen = new ArrayList<>();
    Op tracing = Op.unary("tracing", (ctx, v) -> v.mul(1.0), (ctx, g) -> {
      seen.add(ctx.creationSite());
      return g;
    });
    Variable y;
    try (var sites = Autograd.recordCreationSites()) {
      y = tracing.apply(x);
    }
    y.sum().backward();
    assertEquals(y.creationSite(), seen.get(0));
    assertTrue(seen.get(0).isPresent());
  }

  @Test
  void theScopeBelongsToItsThread() throws Exception {
    List<Optional<StackTraceElement>> elsewhere = new ArrayList<>();
    try (var sites = Autograd.recordCreationSites()) {
      Thread other = new Thread(() -> elsewhere.add(x.exp().creationSite()));
      other.start();
      other.join();
      assertTrue(x.exp().creationSite().isPresent());
    }
    assertTrue(elsewhere.get(0).isEmpty());
  }
}
