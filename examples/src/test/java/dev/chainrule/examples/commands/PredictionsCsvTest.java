package dev.chainrule.examples.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** predict's --out file: a header, one line per row, fields quoted where RFC 4180 needs it. */
class PredictionsCsvTest {
  private static Map<String, Object> row(int line, Object predicted, Object probability) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("line", line);
    row.put("predicted", predicted);
    if (probability != null) {
      row.put("probability", probability);
    }
    return row;
  }

  private static List<String> csv(List<Map<String, Object>> rows) {
    StringWriter text = new StringWriter();
    // Buffered and never closed here: what it wrote is out when it returns (the caller may go on
    // to print to the same stream, or exit).
    new Predictions(rows, Map.of(), "label").writeCsv(
        new PrintWriter(new BufferedWriter(text, 1 << 16)));
    return text.toString().lines().toList();
  }

  @Test
  void classesAreQuotedWhereTheyMustBeAndProbabilitiesHaveFourDecimals() {
    assertEquals(List.of("line,predicted,probability", "2,setosa,0.9877", "3,\"a,b\",0.5000",
        "4,\"say \"\"hi\"\"\",0.1235", "5,\" padded\",1.0000", "6,trailing?,0.0000"),
        csv(List.of(row(2, "setosa", 0.98765), row(3, "a,b", 0.5), row(4, "say \"hi\"", 0.12345),
            row(5, " padded", 1.0), row(6, "trailing?", 0.0))));
  }

  @Test
  void valuesAreWrittenInFullAsTheirTypeReadsThemBack() {
    // A price in millions keeps its digits, unrounded and not in exponent form; a float32
    // model's value is the float's shortest digits, not its double's.
    assertEquals(List.of("line,predicted", "2,31245300.60198345", "3,2500.1235", "4,-0.5"),
        csv(List.of(row(2, 31245300.60198345, null), row(3, 2500.1235f, null),
            row(4, -0.5, null))));
  }
}
