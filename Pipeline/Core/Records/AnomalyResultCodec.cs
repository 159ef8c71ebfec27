using System.Buffers;
using System.Text.Json;

namespace TurbineConsole.Pipeline.Records;

/// <summary>
/// Reads and writes AnomalyDetectionStream records: the reading's fields plus <c>score</c>, <c>grade</c> and,
/// when flagged, <c>expectedSpeed</c> (the lab's consumers read <c>location</c>, <c>speed</c> and <c>score</c>).
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
            WindReadingCodec.WriteFields(writer, result.Reading);
            writer.WriteNumber("score", Math.Round(result.Score, 6));
            writer.WriteNumber("grade", Math.Round(result.Grade, 6));
            if (result.ExpectedSpeedMph is { } expected)
                writer.WriteNumber("expectedSpeed", Math.Round(expected, 3));
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads a result; throws <see cref="RecordFormatException"/> naming what is wrong.</summary>
    public static AnomalyResult Decode(ReadOnlyMemory<byte> data)
    {
        using var document = JsonFields.ParseObject(data, MaxBytes, "anomaly result");
        var obj = document.RootElement;
        return new AnomalyResult(
            WindReadingCodec.ReadFields(obj),
            JsonFields.Number(obj, "score", 0, 1e6),
            JsonFields.OptionalNumber(obj, "grade", 0, 1) ?? 0,
            JsonFields.OptionalNumber(obj, "expectedSpeed", -1e6, 1e6));
    }
}
