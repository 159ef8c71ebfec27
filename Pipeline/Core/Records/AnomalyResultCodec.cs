using System.Buffers;
using System.Text.Json;

namespace TurbineConsole.Pipeline.Records;

/// <summary>
/// Reads and writes AnomalyDetectionStream records: the reading's fields plus <c>score</c>, <c>grade</c> and,
/// when flagged, <c>expectedSpeed</c> and the attribution <c>attributionHigh</c>, <c>attributionLow</c> (the lab's consumers read <c>location</c>, <c>speed</c> and <c>score</c>).
/// </summary>
public static class AnomalyResultCodec
{
    /// <summary>Largest accepted result.</summary>
    public const int MaxBytes = 4096;

    /// <summary>The result as UTF-8 JSON.</summary>
    public static byte[] Encode(AnomalyResult result)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            WriteFields(writer, result);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads a result; throws <see cref="RecordFormatException"/> naming what is wrong.</summary>
    public static AnomalyResult Decode(ReadOnlyMemory<byte> data)
    {
        using var document = JsonFields.ParseObject(data, MaxBytes, "anomaly result");
        return ReadFields(document.RootElement);
    }

    /// <summary>Writes the result's fields into an open JSON object (shared with <see cref="WindRollupCodec"/>).</summary>
    internal static void WriteFields(Utf8JsonWriter writer, AnomalyResult result)
    {
        WindReadingCodec.WriteFields(writer, result.Reading);
        writer.WriteNumber("score", Math.Round(result.Score, 6));
        writer.WriteNumber("grade", Math.Round(result.Grade, 6));
        if (result.ExpectedSpeedMph is { } expected)
            writer.WriteNumber("expectedSpeed", Math.Round(expected, 3));
        if (result.Attribution is { } attribution)
        {
            writer.WriteNumber("attributionHigh", Math.Round(attribution.High, 6));
            writer.WriteNumber("attributionLow", Math.Round(attribution.Low, 6));
        }
    }

    /// <summary>Reads the result's fields from a JSON object (shared with <see cref="WindRollupCodec"/>).</summary>
    internal static AnomalyResult ReadFields(JsonElement obj)
    {
        return new AnomalyResult(
            WindReadingCodec.ReadFields(obj),
            JsonFields.Number(obj, "score", 0, 1e6),
            JsonFields.OptionalNumber(obj, "grade", 0, 1) ?? 0,
            JsonFields.OptionalNumber(obj, "expectedSpeed", -1e6, 1e6))
        {
            Attribution = ReadAttribution(obj),
        };
    }

    /// <summary>The attribution when both shares are there, null when neither is (a record written before it was carried).</summary>
    private static SpeedAttribution? ReadAttribution(JsonElement obj)
    {
        var high = JsonFields.OptionalNumber(obj, "attributionHigh", 0, SpeedAttribution.MaxShare);
        var low = JsonFields.OptionalNumber(obj, "attributionLow", 0, SpeedAttribution.MaxShare);
        return (high, low) switch
        {
            (null, null) => null,
            ({ } h, { } l) => new SpeedAttribution(h, l),
            _ => throw new RecordFormatException($"Field '{(high is null ? "attributionHigh" : "attributionLow")}' is missing; the attribution needs both shares."),
        };
    }
}
