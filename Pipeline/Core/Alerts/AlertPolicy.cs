using System.Globalization;
using TurbineConsole.Pipeline.Records;

namespace TurbineConsole.Pipeline.Alerts;

/// <summary>
/// What happens to a location's open incidents that nobody acknowledges: escalation once, after
/// <see cref="EscalateAfter"/>, to the channels <see cref="EscalateTo"/> names; and a reminder on the incident's own
/// channels every <see cref="RenotifyEvery"/>. The default comes from the <c>Alerts:Policy</c> settings; an administrator
/// may override it per location.
/// </summary>
public sealed record AlertPolicy
{
    /// <summary>Shortest wait a person can set, in minutes.</summary>
    public const int MinMinutes = 1;

    /// <summary>Longest wait a person can set, in minutes (a day).</summary>
    public const int MaxMinutes = 1440;

    /// <summary>The location it applies to; <see cref="DefaultLocation"/> for the default.</summary>
    public required string Location { get; init; }

    /// <summary>The <see cref="Location"/> of the default policy.</summary>
    public const string DefaultLocation = "*";

    /// <summary>How long an open incident may stay unacknowledged before it is escalated; null: never.</summary>
    public TimeSpan? EscalateAfter { get; init; }

    /// <summary>The channels an escalation goes to (names as <see cref="IAlertChannel.Name"/>).</summary>
    public IReadOnlyList<string> EscalateTo { get; init; } = [];

    /// <summary>How often an open, unacknowledged incident is notified again; null: never.</summary>
    public TimeSpan? RenotifyEvery { get; init; }

    /// <summary>Who set it, or null for the default from the settings.</summary>
    public string? UpdatedBy { get; init; }

    /// <summary>When it was set, or null for the default.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>True for the default from the settings (no override of the location).</summary>
    public bool IsDefault => UpdatedBy is null;

    /// <summary>The policy in words, for timelines and lists.</summary>
    public string Description
    {
        get
        {
            var escalation = EscalateAfter is { } after
                ? $"escalate after {Minutes(after)} to {(EscalateTo.Count == 0 ? "no channel" : string.Join(", ", EscalateTo))}"
                : "no escalation";
            var reminders = RenotifyEvery is { } every ? $"re-notify every {Minutes(every)}" : "no re-notification";
            return $"{escalation}; {reminders}";
        }
    }

    /// <summary>
    /// The policy a person typed for <paramref name="location"/> (whole minutes, null or empty for "never"), checked:
    /// throws <see cref="ArgumentException"/> with every problem, each naming its field and the allowed range.
    /// <paramref name="channels"/> are the channels that exist.
    /// </summary>
    public static AlertPolicy Parse(string? location, int? escalateAfterMinutes, IReadOnlyList<string>? escalateTo, int? renotifyEveryMinutes,
        IReadOnlyCollection<string> channels, string user, DateTimeOffset now)
    {
        var errors = new List<string>();
        if (SiteNames.Problem(location?.Trim()) is { } where)
            errors.Add($"Location {where}.");
        if (escalateAfterMinutes is < MinMinutes or > MaxMinutes)
            errors.Add($"Escalate after must be {MinMinutes} to {MaxMinutes} minutes, or empty for no escalation; it is {escalateAfterMinutes}.");
        if (renotifyEveryMinutes is < MinMinutes or > MaxMinutes)
            errors.Add($"Re-notify every must be {MinMinutes} to {MaxMinutes} minutes, or empty for no re-notification; it is {renotifyEveryMinutes}.");
        var targets = (escalateTo ?? []).Select(c => c?.Trim() ?? "").Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (escalateAfterMinutes is not null && targets.Count == 0)
            errors.Add($"Escalate to must name at least one channel when escalation is on; the channels are {Names(channels)}.");
        foreach (var unknown in targets.Where(c => !channels.Contains(c)))
            errors.Add($"Escalate to names '{Printable(unknown)}', which is not a channel; the channels are {Names(channels)}.");
        if (string.IsNullOrWhiteSpace(user))
            errors.Add("Say who you are: a name is required to set a policy.");
        if (errors.Count > 0)
            throw new ArgumentException(string.Join(" ", errors), nameof(location));
        return new AlertPolicy
        {
            Location = location!.Trim(),
            EscalateAfter = escalateAfterMinutes is { } a ? TimeSpan.FromMinutes(a) : null,
            EscalateTo = targets,
            RenotifyEvery = renotifyEveryMinutes is { } r ? TimeSpan.FromMinutes(r) : null,
            UpdatedBy = user.Trim(),
            UpdatedAt = now,
        };
    }

    private static string Minutes(TimeSpan span) => span.TotalMinutes.ToString("0.##", CultureInfo.InvariantCulture) + " min";

    private static string Names(IReadOnlyCollection<string> channels) => channels.Count == 0 ? "none (no channel is turned on)" : string.Join(", ", channels);

    /// <summary>A typed name made safe to repeat in a message: printable ASCII kept, anything else as '?', at most 40 characters.</summary>
    private static string Printable(string text) => new([.. text.Take(40).Select(c => c is >= ' ' and <= '~' ? c : '?')]);
}
