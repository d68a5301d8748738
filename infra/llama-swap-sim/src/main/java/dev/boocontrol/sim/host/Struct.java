package dev.boocontrol.sim.host;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A JSON object whose fields keep the order they were put in, as a Go struct's do. Plain {@code
 * Map}s are written with sorted keys, as Go writes maps; use this for struct-shaped payloads.
 */
@JsonSerialize(using = Struct.Writer.class)
final class Struct {

  private final Map<String, Object> fields = new LinkedHashMap<>();

  Struct put(String name, Object value) {
    fields.put(name, value);
    return this;
  }

  static final class Writer extends StdSerializer<Struct> {
    Writer() {
      super(Struct.class);
    }

    @Override
    public void serialize(Struct value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeStartObject();
      for (Map.Entry<String, Object> e : value.fields.entrySet()) {
        gen.writeFieldName(e.getKey());
        provider.defaultSerializeValue(e.getValue(), gen);
      }
      gen.writeEndObject();
    }
  }
}
