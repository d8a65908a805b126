package dev.chainrule.optim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.core.DType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonLineTest {
  @Test
  void writesFieldsInOrderWithNullForWhatJsonCannotSay() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("task", "train");
    fields.put("epochs", 3);
    fields.put("loss", 0.25);
    fields.put("r2", Double.NaN);
    fields.put("ok", true);
    fields.put("none", null);
    assertEquals("{\"task\":\"train\",\"epochs\":3,\"loss\":0.25,\"r2\":null,\"ok\":true,"
        + "\"none\":null}", JsonLine.of(fields));
  }

  @Test
  void aFloatIsWrittenAsTheFloatItIs() {
    Map<String, Object> fields = new LinkedHashMap<>();
    // As a double, 0.1f is 0.10000000149011612: digits a float32 model never computed.
    fields.put("value", 0.1f);
    fields.put("overflow", Float.POSITIVE_INFINITY);
    assertEquals("{\"value\":0.1,\"overflow\":null}", JsonLine.of(fields));
  }

  @Test
  void aRunWithoutEpochsReportsNoTime() {
    Map<String, Object> fields = RunReport.fields("train", null, 10, DType.FLOAT32, 0.5,
        Map.of("test_accuracy", 0.75));
    assertEquals("{\"task\":\"train\",\"epochs\":0,\"parameters\":10,\"dtype\":\"float32\","
        + "\"train_loss\":0.5,"
        + "\"test_accuracy\":0.75,\"seconds\":0.0,\"seconds_per_epoch\":null,"
        + "\"samples_per_second\":null}", JsonLine.of(fields));
  }
}
