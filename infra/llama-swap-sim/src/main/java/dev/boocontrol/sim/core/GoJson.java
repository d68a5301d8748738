package dev.boocontrol.sim.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * JSON exactly as Go's {@code encoding/json} writes it (spec section 2.6): compact, record
 * components in declaration order, map keys sorted, {@code < > &} and U+2028/U+2029 escaped,
 * lowercase {@code \\u00xx} escapes, shortest float digits with whole numbers printed without a
 * decimal point, byte arrays as standard base64, and {@link Instant} as RFC 3339 with up to nine
 * fractional digits (Go's {@code RFC3339Nano}, always UTC here). Go's {@code omitempty} maps to
 * {@code @JsonInclude(NON_EMPTY)} on the component; everything else writes {@code null} when null.
 *
 * <p>The same mapper reads request bodies: unknown properties are ignored and property names match
 * case-insensitively, as Go's decoder does.
 */
public final class GoJson {

  private static final ObjectMapper MAPPER = build();

  private GoJson() {}

  /** The configured mapper (shared, thread-safe). Do not reconfigure it. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot serialise " + typeOf(value), e);
    }
  }

  public static byte[] writeBytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot serialise " + typeOf(value), e);
    }
  }

  /** Go's {@code time.RFC3339Nano} in UTC: fraction trimmed of trailing zeros, none if whole. */
  public static String rfc3339Nano(Instant instant) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
    StringBuilder out = new StringBuilder(30);
    pad(out, t.getYear(), 4).append('-');
    pad(out, t.getMonthValue(), 2).append('-');
    pad(out, t.getDayOfMonth(), 2).append('T');
    pad(out, t.getHour(), 2).append(':');
    pad(out, t.getMinute(), 2).append(':');
    pad(out, t.getSecond(), 2);
    int nanos = instant.getNano();
    if (nanos != 0) {
      StringBuilder fraction = new StringBuilder(9);
      pad(fraction, nanos, 9);
      int end = fraction.length();
      while (fraction.charAt(end - 1) == '0') {
        end--;
      }
      out.append('.').append(fraction, 0, end);
    }
    return out.append('Z').toString();
  }

  private static StringBuilder pad(StringBuilder out, int value, int width) {
    String digits = Integer.toString(value);
    for (int i = digits.length(); i < width; i++) {
      out.append('0');
    }
    return out.append(digits);
  }

  private static String typeOf(Object value) {
    return value == null ? "null" : value.getClass().getName();
  }

  private static ObjectMapper build() {
    JsonFactory factory =
        new JsonFactoryBuilder()
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
            .characterEscapes(new GoEscapes())
            .build();
    SimpleModule go = new SimpleModule("go-encoding-json");
    go.addSerializer(Double.class, new DoubleSerializer(Double.class));
    go.addSerializer(Double.TYPE, new DoubleSerializer(Double.TYPE));
    go.addSerializer(Float.class, new FloatSerializer(Float.class));
    go.addSerializer(Float.TYPE, new FloatSerializer(Float.TYPE));
    go.addSerializer(Instant.class, new InstantSerializer());
    // Registered after JavaTimeModule so that our Instant serializer wins.
    return JsonMapper.builder(factory)
        .addModule(new JavaTimeModule())
        .addModule(go)
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.INDENT_OUTPUT)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
        .build();
  }

  /** Go escapes HTML-significant characters and the JavaScript line separators. */
  private static final class GoEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private static final SerializedString LINE_SEPARATOR = new SerializedString("\\u2028");
    private static final SerializedString PARAGRAPH_SEPARATOR = new SerializedString("\\u2029");
    private final int[] ascii;

    GoEscapes() {
      ascii = standardAsciiEscapesForJSON();
      ascii['<'] = ESCAPE_STANDARD;
      ascii['>'] = ESCAPE_STANDARD;
      ascii['&'] = ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      if (ch == 0x2028) {
        return LINE_SEPARATOR;
      }
      if (ch == 0x2029) {
        return PARAGRAPH_SEPARATOR;
      }
      return null;
    }
  }

  private static final class DoubleSerializer extends StdSerializer<Double> {
    private static final long serialVersionUID = 1L;

    DoubleSerializer(Class<Double> type) {
      super(type);
    }

    @Override
    public void serialize(Double value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      // Go refuses NaN/Inf; a simulator response should rather degrade to null than fail.
      if (value.isNaN() || value.isInfinite()) {
        gen.writeNull();
      } else {
        gen.writeNumber(GoFloat.json(value.doubleValue()));
      }
    }
  }

  private static final class FloatSerializer extends StdSerializer<Float> {
    private static final long serialVersionUID = 1L;

    FloatSerializer(Class<Float> type) {
      super(type);
    }

    @Override
    public void serialize(Float value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      if (value.isNaN() || value.isInfinite()) {
        gen.writeNull();
      } else {
        gen.writeNumber(GoFloat.json(value.floatValue()));
      }
    }
  }

  private static final class InstantSerializer extends StdSerializer<Instant> {
    private static final long serialVersionUID = 1L;

    InstantSerializer() {
      super(Instant.class);
    }

    @Override
    public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeString(rfc3339Nano(value));
    }
  }
}
