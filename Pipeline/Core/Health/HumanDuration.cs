using System.Globalization;

namespace TurbineConsole.Pipeline.Health;

/// <summary>A duration as an operator reads it ("2 min 14 s", "3 h 5 min"), not as raw milliseconds.</summary>
public static class HumanDuration
{
    /// <summary><paramref name="span"/> in its two largest units (a negative span counts as zero).</summary>
    public static string Format(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
            span = TimeSpan.Zero;
        var c = CultureInfo.InvariantCulture;
        return span switch
        {
            _ when span < TimeSpan.FromSeconds(1) => string.Create(c, $"{(int)span.TotalMilliseconds} ms"),
            _ when span < TimeSpan.FromMinutes(1) => string.Create(c, $"{(int)span.TotalSeconds} s"),
            _ when span < TimeSpan.FromHours(1) => Two((int)span.TotalMinutes, "min", span.Seconds, "s"),
            _ when span < TimeSpan.FromDays(1) => Two((int)span.TotalHours, "h", span.Minutes, "min"),
            _ => Two((int)span.TotalDays, "d", span.Hours, "h"),
        };

        string Two(int major, string majorUnit, int minor, string minorUnit) =>
            minor == 0 ? string.Create(c, $"{major} {majorUnit}") : string.Create(c, $"{major} {majorUnit} {minor} {minorUnit}");
    }
}
