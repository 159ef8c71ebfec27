using System.Globalization;

namespace TurbineConsole.Pipeline.Alerts;

/// <summary>
/// A silence (maintenance window): while it lasts, incidents of its location (or only of its turbine) are recorded and
/// shown as silenced, and notify no channel.
/// </summary>
public sealed record Silence
{
    /// <summary>The wind farm it covers.</summary>
    public required string Location { get; init; }

    /// <summary>Unique within the location and sortable by start: <c>start#random</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The one turbine it covers, or null for the whole location.</summary>
    public string? Turbine { get; init; }

    /// <summary>When it starts.</summary>
    public required DateTimeOffset StartsAt { get; init; }

    /// <summary>When it ends (earlier than planned once someone ended it).</summary>
    public required DateTimeOffset EndsAt { get; init; }

    /// <summary>Why: the maintenance work, the known problem.</summary>
    public required string Reason { get; init; }

    /// <summary>Who created it.</summary>
    public required string CreatedBy { get; init; }

    /// <summary>When it was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Who ended it early, if someone did.</summary>
    public string? EndedBy { get; init; }

    /// <summary>Incremented on every write; writes are conditional on it.</summary>
    public long Version { get; init; }

    /// <summary>Whether it silences at <paramref name="now"/>: from its start (inclusive) to its end (exclusive).</summary>
    public bool IsActiveAt(DateTimeOffset now) => StartsAt <= now && now < EndsAt;

    /// <summary>Whether it silences an incident of <paramref name="location"/> raised by <paramref name="turbine"/> at <paramref name="now"/>.</summary>
    public bool Matches(string location, string turbine, DateTimeOffset now) =>
        IsActiveAt(now) && string.Equals(Location, location, StringComparison.Ordinal) && (Turbine is null || string.Equals(Turbine, turbine, StringComparison.Ordinal));

    /// <summary>What it covers, why and until when, for timelines and lists.</summary>
    public string Description => string.Create(CultureInfo.InvariantCulture,
        $"{Location}{(Turbine is null ? "" : " / " + Turbine)} until {EndsAt:yyyy-MM-dd HH:mm} UTC by {CreatedBy}: {Reason}");
}
