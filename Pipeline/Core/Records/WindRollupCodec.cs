using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace TurbineConsole.Pipeline.Records;

/// <summary>
/// Reads and writes WindRollupStream records: <c>location</c>, <c>turbine</c>, <c>start</c>, <c>widthSeconds</c>,
/// <c>readings</c>, <c>maxSpeed</c>, optionally <c>part</c>, and <c>peak</c>, the highest-scored reading as an
/// AnomalyDetectionStream record (<see cref="AnomalyResultCodec"/>).
/// </summary>
public static class WindRollupCodec
{
    /// <summary>Largest accepted rollup.</summary>
    public const int MaxBytes = 4096;

    /// <summary>The rollup as UTF-8 JSON.</summary>
    public static byte[] Encode(WindRollup rollup)
    {
        var buffer = new ArrayBufferWriter<byte>(384);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("location", rollup.Location);
            writer.WriteString("turbine", rollup.Turbine);
            writer.WriteString("start", RecordTime.Format(rollup.Start));
            writer.WriteNumber("widthSeconds", (long)rollup.Width.TotalSeconds);
            writer.WriteNumber("readings", rollup.Readings);
            writer.WriteNumber("maxSpeed", Math.Round(rollup.MaxSpeedMph, 3));
            if (rollup.Part is { } part)
                writer.WriteString("part", part);
            writer.WritePropertyName("peak");
            writer.WriteStartObject();
            AnomalyResultCodec.WriteFields(writer, rollup.Peak);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads a rollup; throws <see cref="RecordFormatException"/> naming what is wrong.</summary>
    public static WindRollup Decode(ReadOnlyMemory<byte> data)
    {
        using var document = JsonFields.ParseObject(data, MaxBytes, "wind rollup");
        var obj = document.RootElement;
        var location = JsonFields.Name(obj, "location");
        var turbine = JsonFields.Name(obj, "turbine");
        var start = JsonFields.Timestamp(obj, "start");
        var seconds = JsonFields.Counter(obj, "widthSeconds");
        var width = WindRollup.Widths.FirstOrDefault(w => (long)w.TotalSeconds == seconds);
        if (width == default)
        {
            throw new RecordFormatException(
                $"Field 'widthSeconds' is {seconds}; it must be one of {string.Join(", ", WindRollup.Widths.Select(w => ((long)w.TotalSeconds).ToString(CultureInfo.InvariantCulture)))}.");
        }
        if (WindRollup.BucketStart(start, width) != start)
            throw new RecordFormatException($"Field 'start' {RecordTime.Format(start)} is not the start of a {seconds} s bucket.");
        var readings = JsonFields.Counter(obj, "readings");
        if (readings < 1)
            throw new RecordFormatException("Field 'readings' is 0; a rollup counts at least one reading.");
        var max = JsonFields.Number(obj, "maxSpeed", 0, WindReadingCodec.MaxSpeedMph);
        var part = JsonFields.OptionalString(obj, "part", 128);
        if (part is not null && !part.All(char.IsAsciiDigit))
            throw new RecordFormatException("Field 'part' must be a stream sequence number (digits only).");
        if (!obj.TryGetProperty("peak", out var peakElement) || peakElement.ValueKind != JsonValueKind.Object)
            throw new RecordFormatException("Field 'peak' is missing or not an object.");
        var peak = AnomalyResultCodec.ReadFields(peakElement);
        if (peak.Reading.Location != location || peak.Reading.Turbine != turbine)
            throw new RecordFormatException("Field 'peak' holds a reading of another location or turbine than the rollup.");
        if (peak.Reading.Timestamp < start || peak.Reading.Timestamp >= start + width)
            throw new RecordFormatException($"Field 'peak' holds a reading at {RecordTime.Format(peak.Reading.Timestamp)}, outside the bucket.");
        return new WindRollup(location, turbine, start, width, readings, max, peak, part);
    }
}
