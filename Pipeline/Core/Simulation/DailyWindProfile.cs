namespace TurbineConsole.Pipeline.Simulation;

/// <summary>
/// A daily rhythm of the wind, by the readings' event time: calmer at night, windier in the afternoon. Every farm's
/// wind level is raised by <see cref="AmplitudeMph"/> at <see cref="PeakHourUtc"/> and lowered as much twelve hours
/// later, along a cosine. Off by default (amplitude 0): the datasets stay as their seeds gave them, and a run of a
/// few minutes would show no rhythm anyway; a run turns it on with an amplitude.
/// </summary>
public sealed record DailyWindProfile
{
    /// <summary>The profile that changes nothing.</summary>
    public static readonly DailyWindProfile Off = new();

    /// <summary>Largest amplitude, in mph: more would take ordinary wind below 0 at night.</summary>
    public const double MaxAmplitudeMph = 20;

    /// <summary>How far the wind level rises above its mean at the peak hour and falls below it twelve hours later, mph (0 to 20).</summary>
    public double AmplitudeMph { get; init; }

    /// <summary>Hour of the day (UTC, 0 to 24, fractions allowed) at which the wind is strongest; 15 is mid-afternoon.</summary>
    public double PeakHourUtc { get; init; } = 15;

    /// <summary>Whether the profile changes anything.</summary>
    public bool IsOn => AmplitudeMph > 0;

    /// <summary>What the profile adds to a farm's wind level at <paramref name="time"/>, in mph (negative at night).</summary>
    public double OffsetMph(DateTimeOffset time)
    {
        if (!IsOn)
            return 0;
        var hour = time.UtcDateTime.TimeOfDay.TotalHours;
        return AmplitudeMph * Math.Cos(2 * Math.PI * (hour - PeakHourUtc) / 24);
    }
}
