using System.Buffers;
using System.Text.Json;

namespace TurbineConsole.Pipeline.Records;

/// <summary>Reads and writes WindDataStream records: one reading as a small JSON object.</summary>
public static class WindReadingCodec
{
    /// <summary>Largest accepted reading; a real one is about 130 bytes.</summary>
    public const int MaxBytes = 4096;

    /// <summary>Highest believable wind speed in mph (the strongest gust ever measured was 253 mph).</summary>
    public const double MaxSpeedMph = 300;

    /// <summary>The reading as UTF-8 JSON.</summary>
    public static byte[] Encode(WindReading reading)
    {
        var buffer = new ArrayBufferWriter<byte>(192);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            WriteFields(writer, reading);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads a reading; throws <see cref="RecordFormatException"/> naming what is wrong.</summary>
    public static WindReading Decode(ReadOnlyMemory<byte> data)
    {
        using var document = JsonFields.ParseObject(data, MaxBytes, "reading");
        return ReadFields(document.RootElement);
    }

    /// <summary>Writes the reading's fields into an open JSON object (shared with <see cref="AnomalyResultCodec"/>).</summary>
    internal static void WriteFields(Utf8JsonWriter writer, WindReading reading)
    {
        writer.WriteString("location", reading.Location);
        writer.WriteString("turbine", reading.Turbine);
        writer.WriteNumber("speed", Math.Round(reading.SpeedMph, 3));
        writer.WriteString("timestamp", RecordTime.Format(reading.Timestamp));
        writer.WriteNumber("seq", reading.Seq);
        writer.WriteString("dataset", reading.Dataset);
    }

    /// <summary>Reads the reading's fields from a JSON object (shared with <see cref="AnomalyResultCodec"/>).</summary>
    internal static WindReading ReadFields(JsonElement obj) => new(
        JsonFields.Name(obj, "location"),
        JsonFields.Name(obj, "turbine"),
        JsonFields.Number(obj, "speed", 0, MaxSpeedMph),
        JsonFields.Timestamp(obj, "timestamp"),
        JsonFields.Counter(obj, "seq"),
        JsonFields.OptionalString(obj, "dataset", 32) ?? "unknown");
}
