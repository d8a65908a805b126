package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * An anomaly-detection scope closed while one opened inside it is still open is refused, as the
 * other switches' are, in English: the message read "a anomaly-detection scope".
 */
class AnomalyScopeOrderTest {
  @Test
  void theRefusalNamesAnAnomalyDetectionScopeWithItsArticle() {
    Autograd.Scope outer = Autograd.detectAnomaly();
    Autograd.Scope inner = Autograd.detectAnomaly();
    try {
      IllegalStateException e = assertThrows(IllegalStateException.class, outer::close);
      assertEquals("Autograd: the anomaly-detection scope is closed while an anomaly-detection"
          + " scope opened after it is still open; close the inner scope first (as"
          + " try-with-resources does)", e.getMessage());
      assertTrue(Autograd.isAnomalyDetectionEnabled(), "the refused close changed the switch");
    } finally {
      inner.close();
      outer.close();
    }
  }
}
