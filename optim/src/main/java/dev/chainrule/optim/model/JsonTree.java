package dev.chainrule.optim.model;

import static dev.chainrule.optim.model.InvalidDescriptionException.Rule.DUPLICATE_FIELD;
import static dev.chainrule.optim.model.InvalidDescriptionException.Rule.INVALID_JSON;
import static dev.chainrule.optim.model.InvalidDescriptionException.Rule.MISSING_FIELD;
import static dev.chainrule.optim.model.InvalidDescriptionException.Rule.UNKNOWN_FIELD;
import static dev.chainrule.optim.model.InvalidDescriptionException.Rule.WRONG_TYPE;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.chainrule.optim.json.JsonFaults;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small JSON document read strictly: objects keep their key order and reject repeated keys,
 * and typed accessors name the path of a field that is missing, unknown or of the wrong type. A
 * description is a few kilobytes, so building the tree is cheap.
 */
final class JsonTree {
  private static final JsonFactory JSON = new JsonFactory();

  private JsonTree() {}

  /** The top-level object of {@code text}. */
  static Node parse(String text, String source) {
    try (JsonParser parser = JSON.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first != JsonToken.START_OBJECT) {
        throw new InvalidDescriptionException(source, WRONG_TYPE,
            "the description is not a JSON object");
      }
      Object root = value(parser, first, "", source);
      if (!endsAfter(parser)) {
        throw new InvalidDescriptionException(source, INVALID_JSON,
            "text after the end of the object");
      }
      return new Node(root, "", source);
    } catch (JsonProcessingException e) {
      // Jackson's own words name its settings ("enable `JsonReadFeature...`"): the user of a
      // file has none to change, so the fault is said as the safetensors header's is.
      throw new InvalidDescriptionException(source, INVALID_JSON,
          JsonFaults.describe(e) + JsonFaults.where(e), e);
    } catch (IOException e) {
      throw new UncheckedIOException("reading JSON from a string", e);
    }
  }

  /**
   * Whether nothing follows the object. A word after it ("{...} oops") is not a token Jackson
   * knows, and its refusal would say what JSON values look like rather than that the object is
   * followed by something.
   */
  private static boolean endsAfter(JsonParser parser) throws IOException {
    try {
      return parser.nextToken() == null;
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  private static Object value(JsonParser parser, JsonToken token, String path, String source)
      throws IOException {
    switch (token) {
      case START_OBJECT -> {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
          String key = parser.currentName();
          String at = path.isEmpty() ? key : path + "." + key;
          Object v = value(parser, parser.nextToken(), at, source);
          if (fields.put(key, v) != null) {
            throw new InvalidDescriptionException(source, DUPLICATE_FIELD, "\"" + at + "\"");
          }
        }
        return fields;
      }
      case START_ARRAY -> {
        List<Object> items = new ArrayList<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
          items.add(value(parser, t, path + "[" + items.size() + "]", source));
        }
        return items;
      }
      case VALUE_STRING -> {
        return parser.getText();
      }
      case VALUE_NUMBER_INT -> {
        return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
            ? parser.getBigIntegerValue() : (Object) parser.getLongValue();
      }
      case VALUE_NUMBER_FLOAT -> {
        return parser.getDoubleValue();
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return token == JsonToken.VALUE_TRUE;
      }
      default -> {
        return null;  // JSON null: the wrong type wherever it appears
      }
    }
  }

  /** A value in the tree with its path, for messages. */
  record Node(Object value, String path, String source) {

    /** The object's field {@code key}, which must be present. */
    Node field(String key) {
      Map<String, Object> fields = fields();
      if (!fields.containsKey(key)) {
        throw fail(MISSING_FIELD, "\"" + key + "\"" + in());
      }
      return new Node(fields.get(key), path.isEmpty() ? key : path + "." + key, source);
    }

    boolean has(String key) {
      return fields().containsKey(key);
    }

    /** Fails on a field not in {@code allowed}. */
    void allowOnly(Set<String> allowed) {
      for (String key : fields().keySet()) {
        if (!allowed.contains(key)) {
          throw fail(UNKNOWN_FIELD, "\"" + key + "\"" + in());
        }
      }
    }

    String string() {
      return as(String.class, "a string");
    }

    boolean bool() {
      return as(Boolean.class, "true or false");
    }

    /** A whole number within {@code int}'s range. */
    int integer() {
      long v = longInteger();
      if (v != (int) v) {
        throw fail(WRONG_TYPE, "\"" + path + "\" must be a whole number up to 2147483647");
      }
      return (int) v;
    }

    long longInteger() {
      return as(Long.class, "a whole number");
    }

    double number() {
      if (value instanceof Long l) {
        return l;
      }
      return as(Double.class, "a number");
    }

    List<Node> array() {
      List<?> items = as(List.class, "an array");
      List<Node> nodes = new ArrayList<>();
      for (int i = 0; i < items.size(); i++) {
        nodes.add(new Node(items.get(i), path + "[" + i + "]", source));
      }
      return nodes;
    }

    List<String> strings() {
      return array().stream().map(Node::string).toList();
    }

    List<Double> numbers() {
      return array().stream().map(Node::number).toList();
    }

    InvalidDescriptionException fail(InvalidDescriptionException.Rule rule, String details) {
      return new InvalidDescriptionException(source, rule, details);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> fields() {
      return as(Map.class, "an object");
    }

    private <T> T as(Class<T> type, String what) {
      if (!type.isInstance(value)) {
        throw fail(WRONG_TYPE, "\"" + path + "\" must be " + what);
      }
      return type.cast(value);
    }

    private String in() {
      return path.isEmpty() ? "" : " in " + path;
    }
  }

  /** Keys as a set, for {@link Node#allowOnly}. */
  static Set<String> keys(String... names) {
    return new HashSet<>(List.of(names));
  }
}
