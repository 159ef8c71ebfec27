using TurbineConsole.Pipeline.Records;

namespace TurbineConsole.Pipeline.Replay;

/// <summary>A recorded series, read whole and checked: its readings in time order (the file's order among equal times).</summary>
/// <param name="Id">Its id among the imported recordings.</param>
/// <param name="Name">The file's name, for people.</param>
/// <param name="Readings">The readings, in time order.</param>
public sealed record Recording(string Id, string Name, IReadOnlyList<WindReading> Readings)
{
    /// <summary>The first reading's time.</summary>
    public DateTimeOffset First => Readings[0].Timestamp;

    /// <summary>The last reading's time.</summary>
    public DateTimeOffset Last => Readings[^1].Timestamp;

    /// <summary>The locations it holds.</summary>
    public IReadOnlyList<string> Locations { get; } = Readings.Select(r => r.Location).Distinct().Order(StringComparer.Ordinal).ToList();
}

/// <summary>A line of a recorded CSV that cannot be read.</summary>
/// <param name="Line">Its number in the file (the header is line 1).</param>
/// <param name="Problem">What is wrong, naming the column and the value.</param>
public sealed record LineError(int Line, string Problem)
{
    /// <inheritdoc />
    public override string ToString() => $"Line {Line}: {Problem}";
}
