namespace TurbineConsole.Pipeline.Simulation;

/// <summary>
/// What a run injected at one turbine (the ground truth a detector is scored on): the readings of
/// <see cref="Turbine"/> at <see cref="Location"/> with <c>seq</c> from <see cref="FirstSeq"/> to <see cref="LastSeq"/>,
/// stamped from <see cref="From"/> to before <see cref="Until"/>, are changed by the fault. A gust front gives one per turbine.
/// </summary>
/// <param name="Kind">What went wrong.</param>
/// <param name="Location">Where.</param>
/// <param name="Turbine">Which turbine's readings.</param>
/// <param name="From">When the fault begins at this turbine (event time).</param>
/// <param name="Until">When it ends (event time, exclusive).</param>
/// <param name="FirstSeq">The first changed reading's <c>seq</c> (its tick).</param>
/// <param name="LastSeq">The last changed reading's <c>seq</c>; below <paramref name="FirstSeq"/> when the fault falls between two ticks and changes nothing.</param>
public sealed record InjectedFault(FaultKind Kind, string Location, string Turbine, DateTimeOffset From, DateTimeOffset Until, long FirstSeq, long LastSeq)
{
    /// <summary>How many readings the fault changed.</summary>
    public long ReadingCount => Math.Max(0, LastSeq - FirstSeq + 1);

    /// <summary>Whether the reading of <paramref name="turbine"/> at <paramref name="location"/> with <paramref name="seq"/> is one the fault changed.</summary>
    public bool Covers(string location, string turbine, long seq) =>
        seq >= FirstSeq && seq <= LastSeq && string.Equals(location, Location, StringComparison.Ordinal) && string.Equals(turbine, Turbine, StringComparison.Ordinal);
}
