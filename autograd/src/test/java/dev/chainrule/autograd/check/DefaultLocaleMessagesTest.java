package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.AnomalyException;
import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Messages read the same whatever the JVM's default locale: under a German one the anomaly range
 * [-1.000, 7.587e+299] printed as [-1,000, 7,587e+299] (minus one thousand?), under an Arabic
 * one with Arabic-Indic digits beside ASCII ones. The build's forbiddenapis check refuses every
 * call that takes the default locale; this test shows what that protects.
 */
class DefaultLocaleMessagesTest {
  private static final List<Locale> LOCALES = List.of(Locale.GERMANY,
      Locale.forLanguageTag("ar-EG"), Locale.forLanguageTag("tr-TR"),
      Locale.forLanguageTag("hi-IN"));

  private static String under(Locale locale, Supplier<String> message) {
    Locale original = Locale.getDefault();
    Locale.setDefault(locale);
    try {
      return message.get();
    } finally {
      Locale.setDefault(original);
    }
  }

  private static void sameInEveryLocale(Supplier<String> message) {
    String root = under(Locale.ROOT, message);
    for (Locale locale : LOCALES) {
      assertEquals(root, under(locale, message), "under " + locale);
    }
  }

  @Test
  void anomalyMessagesKeepTheirDecimalPoints() {
    Supplier<String> message = () -> assertThrows(AnomalyException.class, () -> {
      try (var anomaly = Autograd.detectAnomaly()) {
        Variable.constant(Tensor.vector(-1.0, 7.587e299, 2.5)).log();
      }
    }).getMessage();
    sameInEveryLocale(message);
    assertTrue(message.get().contains("[-1.000, 7.587e+299]"), message.get());
  }

  @Test
  void gradientCheckReportsKeepTheirDecimalPoints() {
    sameInEveryLocale(() -> GradCheck.check(in -> in.get(0).tanh().sum(),
        List.of(Tensor.vector(0.25, -1.5, 3))).toString());
  }
}
