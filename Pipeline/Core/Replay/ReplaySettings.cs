using TurbineConsole.Pipeline.Streams;

namespace TurbineConsole.Pipeline.Replay;

/// <summary>How fast a recording is replayed.</summary>
public enum ReplayPace
{
    /// <summary>At the recorded pace: a reading recorded a minute after the first is sent a minute after the start.</summary>
    Recorded,

    /// <summary>At <see cref="ReplaySettings.Speedup"/> times the recorded pace.</summary>
    Faster,

    /// <summary>As fast as the stream takes it (a backfill).</summary>
    Backfill,
}

/// <summary>Where and how a recording is replayed.</summary>
public sealed record ReplaySettings
{
    /// <summary>Most times faster than recorded.</summary>
    public const double MaxSpeedup = 10_000;

    /// <summary>The stream the readings are put into.</summary>
    public required string StreamName { get; init; }

    /// <summary>The pace.</summary>
    public ReplayPace Pace { get; init; } = ReplayPace.Recorded;

    /// <summary>How many times faster than recorded, with <see cref="ReplayPace.Faster"/> (more than 1, at most <see cref="MaxSpeedup"/>).</summary>
    public double Speedup { get; init; } = 10;

    /// <summary>
    /// True: the readings are stamped as if they happened now (paced: when each is sent, so the recording plays as if
    /// live; a backfill: moved so that its last reading is at the start). False: they keep their recorded times.
    /// </summary>
    public bool ShiftToNow { get; init; } = true;

    /// <summary>What is wrong with these settings, naming the value, or null.</summary>
    public string? Error() =>
        KinesisRules.StreamNameError(StreamName)
        ?? (!Enum.IsDefined(Pace) ? $"The pace must be Recorded, Faster or Backfill; it is {Pace}." : null)
        ?? (Pace == ReplayPace.Faster && (!double.IsFinite(Speedup) || Speedup <= 1 || Speedup > MaxSpeedup)
            ? $"Times faster must be more than 1 and at most {MaxSpeedup:N0}; it is {Speedup}."
            : null);
}
