using System.Globalization;

namespace TurbineConsole.Pipeline.Records;

/// <summary>
/// The one text form of times in records, table keys and messages: ISO 8601 UTC with milliseconds
/// (<c>2026-11-30T12:00:00.123Z</c>), which sorts as text in time order. Parsing also takes other ISO 8601 forms
/// that name their offset.
/// </summary>
internal static class RecordTime
{
    /// <summary>Parses an ISO 8601 time that names its offset (or Z); a failure names the field <paramref name="name"/>.</summary>
    public static DateTimeOffset Parse(string text, string name)
    {
        if (TryParseCanonical(text, out var canonical))
            return canonical;
        var namesOffset = text.EndsWith('Z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
        if (!namesOffset || !DateTimeOffset.TryParseExact(text, s_timeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
            throw new RecordFormatException($"Field '{name}' is '{JsonFields.Truncate(text)}'; expected an ISO 8601 time such as 2026-11-30T12:00:00.123Z.");
        return value.ToUniversalTime();
    }

    /// <summary>
    /// Parses the form every record is written in, <c>yyyy-MM-ddTHH:mm:ss.fffZ</c>, without the general parser
    /// (which costs more than the rest of a reading's decoding); false for any other form.
    /// </summary>
    private static bool TryParseCanonical(string s, out DateTimeOffset value)
    {
        value = default;
        if (s.Length != 24 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != '.' || s[23] != 'Z')
            return false;
        if (!Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day)
            || !Digits(s, 11, 2, out var hour) || !Digits(s, 14, 2, out var minute) || !Digits(s, 17, 2, out var second)
            || !Digits(s, 20, 3, out var millisecond))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
            return false;
        value = new DateTimeOffset(year, month, day, hour, minute, second, millisecond, TimeSpan.Zero);
        return true;

        static bool Digits(string s, int start, int count, out int number)
        {
            number = 0;
            for (var i = start; i < start + count; i++)
            {
                var d = s[i] - '0';
                if ((uint)d > 9)
                    return false;
                number = number * 10 + d;
            }
            return true;
        }
    }

    /// <summary>Formats a time as ISO 8601 UTC with milliseconds, the form every record and key uses.</summary>
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static readonly string[] s_timeFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mm:ssK",
    ];
}
