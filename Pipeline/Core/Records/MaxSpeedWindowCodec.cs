using System.Globalization;
using System.Text;

namespace TurbineConsole.Pipeline.Records;

/// <summary>
/// Reads and writes MaxWindSpeed stream records: CSV <c>"location",max,windowStart,windowEnd,count</c>.
/// The first two fields are the lab's (its DIYFunction reads fields 0 and 1); the others say which window.
/// </summary>
public static class MaxSpeedWindowCodec
{
    /// <summary>Largest accepted record.</summary>
    public const int MaxBytes = 1024;

    /// <summary>The window as one UTF-8 CSV line (no line break).</summary>
    public static byte[] Encode(MaxSpeedWindow window)
    {
        var line = string.Create(CultureInfo.InvariantCulture,
            $"\"{window.Location.Replace("\"", "\"\"")}\",{Math.Round(window.MaxSpeedMph, 3)},{RecordTime.Format(window.WindowStart)},{RecordTime.Format(window.WindowEnd)},{window.ReadingCount}");
        return Encoding.UTF8.GetBytes(line);
    }

    /// <summary>Reads a window; throws <see cref="RecordFormatException"/> naming what is wrong.</summary>
    public static MaxSpeedWindow Decode(ReadOnlyMemory<byte> data)
    {
        if (data.Length == 0 || data.Length > MaxBytes)
            throw new RecordFormatException($"A max-speed record is 1 to {MaxBytes} bytes; this one is {data.Length:N0}.");
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(data.Span).TrimEnd('\r', '\n');
        }
        catch (DecoderFallbackException)
        {
            throw new RecordFormatException("The max-speed record is not UTF-8 text.");
        }
        var fields = SplitCsv(text);
        if (fields.Count != 5)
            throw new RecordFormatException($"A max-speed record has 5 CSV fields (\"location\",max,start,end,count); this one has {fields.Count}.");
        var location = fields[0];
        if (SiteNames.Problem(location) is { } problem)
            throw new RecordFormatException($"Field 'location' {problem}.");
        if (!double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var max) || !double.IsFinite(max) || max < 0 || max > WindReadingCodec.MaxSpeedMph)
            throw new RecordFormatException($"Field 'max' is '{fields[1]}'; it must be a number between 0 and {WindReadingCodec.MaxSpeedMph}.");
        var start = RecordTime.Parse(fields[2], "windowStart");
        var end = RecordTime.Parse(fields[3], "windowEnd");
        if (end <= start)
            throw new RecordFormatException("Field 'windowEnd' must be after 'windowStart'.");
        if (!long.TryParse(fields[4], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            throw new RecordFormatException($"Field 'count' is '{fields[4]}'; it must be a whole number.");
        return new MaxSpeedWindow(location, max, start, end, count);
    }

    private static List<string> SplitCsv(string line)
    {
        var fields = new List<string>(5);
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',') { fields.Add(current.ToString()); current.Clear(); }
            else
            {
                current.Append(c);
            }
        }
        if (quoted)
            throw new RecordFormatException("The max-speed record has an unclosed quote.");
        fields.Add(current.ToString());
        return fields;
    }
}
