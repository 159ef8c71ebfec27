using TurbineConsole.Pipeline.Records;

namespace TurbineConsole.Pipeline.Alerts;

/// <summary>A silence as someone typed it, before it is checked: every field is untrusted.</summary>
public sealed record SilenceDraft
{
    /// <summary>Longest reason, in characters.</summary>
    public const int MaxReasonLength = 200;

    /// <summary>Longest silence.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(90);

    /// <summary>The location it covers (required).</summary>
    public string? Location { get; init; }

    /// <summary>The one turbine it covers; empty for the whole location.</summary>
    public string? Turbine { get; init; }

    /// <summary>When it starts; now when empty.</summary>
    public DateTimeOffset? StartsAt { get; init; }

    /// <summary>When it ends (required).</summary>
    public DateTimeOffset? EndsAt { get; init; }

    /// <summary>Why (required).</summary>
    public string? Reason { get; init; }

    /// <summary>Every problem of the draft at <paramref name="now"/>, one message each, naming the field and what it must be.</summary>
    public IEnumerable<string> Errors(DateTimeOffset now)
    {
        if (SiteNames.Problem(Location?.Trim()) is { } where)
            yield return $"Location {where}.";
        if (!string.IsNullOrWhiteSpace(Turbine) && SiteNames.Problem(Turbine.Trim()) is { } which)
            yield return $"Turbine {which} (leave it empty to silence the whole location).";
        var start = StartsAt ?? now;
        if (EndsAt is not { } end)
        {
            yield return "End is required: a silence must end (a date and time).";
        }
        else if (end <= start)
        {
            yield return $"End must be after the start ({start:yyyy-MM-dd HH:mm} UTC).";
        }
        else if (end <= now)
        {
            yield return "End must be in the future.";
        }
        else if (end - start > MaxDuration)
        {
            yield return $"A silence lasts at most {MaxDuration.TotalDays:0} days; this one lasts {(end - start).TotalDays:0.#}.";
        }
        var reason = Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > MaxReasonLength)
            yield return $"Reason must be 1 to {MaxReasonLength} characters (the maintenance work or the known problem); it has {reason?.Length ?? 0}.";
        else if (reason.Any(char.IsControl))
            yield return "Reason is one line, without control characters.";
    }
}
