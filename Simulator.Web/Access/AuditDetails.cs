using TurbineConsole.Pipeline.Alerts;
using TurbineConsole.Pipeline.DeadLetters;
using TurbineConsole.Pipeline.Replay;
using TurbineConsole.Pipeline.Simulation;
using TurbineConsole.Pipeline.Streams;

namespace TurbineConsole.Simulator.Web.Access;

/// <summary>What the audit log says about each action, one wording whether a page or the API did it.</summary>
public static class AuditDetails
{
    /// <summary>A dataset started: which, where, how fast, how many.</summary>
    public static string DatasetStarted(WindDataset dataset, SimulationSettings settings) =>
        $"{dataset.DisplayName()} into {settings.StreamName} at {settings.ReadingsPerSecond:0.#}/s{(settings.StopAfter is { } n ? $", stops after {n}" : "")}"
        + (settings.Dataset.DailyProfile.IsOn ? FormattableString.Invariant($", daily profile ±{settings.Dataset.DailyProfile.AmplitudeMph:0.#} mph peaking at {settings.Dataset.DailyProfile.PeakHourUtc:0.##} h UTC") : "")
        + (settings.Dataset.Faults.Count > 0 ? "; faults: " + string.Join("; ", settings.Dataset.Faults) : "");

    /// <summary>A stream's shard count changed: which stream, from how many open shards to how many.</summary>
    public static string ShardCountChanged(ShardCountUpdate update) =>
        $"{update.StreamName}: {update.CurrentShardCount} to {update.TargetShardCount} open shards";

    /// <summary>An incident acknowledged or resolved, with the comment given.</summary>
    public static string Incident(Incident incident, string? comment) =>
        $"{incident.Location} {incident.Turbine}, first seen {incident.FirstSeen:yyyy-MM-dd HH:mm:ss}Z{(string.IsNullOrWhiteSpace(comment) ? "" : ": " + comment.Trim())}";

    /// <summary>A silence created or ended: what it covers, until when, why.</summary>
    public static string Silence(Silence silence) => silence.Description;

    /// <summary>A location's policy set: the location and the policy in words.</summary>
    public static string Policy(AlertPolicy policy) => $"{policy.Location}: {policy.Description}";

    /// <summary>Dead letters put back into their streams.</summary>
    public static string Redriven(RedriveResult result, IEnumerable<DeadLetter> letters) =>
        $"{result.RecordsPut} records ({result.LettersRemoved} dead letters) into {string.Join(", ", letters.Select(l => l.StreamName).Distinct())}";

    /// <summary>Dead letters deleted.</summary>
    public static string DeadLettersDeleted(int deleted, IEnumerable<DeadLetterKey> keys) =>
        $"{deleted} of {string.Join(", ", keys.Select(k => k.Consumer).Distinct())}";

    /// <summary>A recorded file imported.</summary>
    public static string RecordingImported(Recording recording) =>
        $"{recording.Name}: {recording.Readings.Count} readings of {string.Join(", ", recording.Locations)}";

    /// <summary>A replay started: what, where, how fast, which times.</summary>
    public static string ReplayStarted(Recording recording, ReplaySettings settings) =>
        $"started {recording.Name} into {settings.StreamName}, " + settings.Pace switch
        {
            ReplayPace.Faster => $"{settings.Speedup:0.##} times the recorded pace",
            ReplayPace.Backfill => "as fast as the stream takes it",
            _ => "at the recorded pace",
        } + (settings.ShiftToNow ? ", times shifted to now" : ", recorded times");

    /// <summary>A replay paused, resumed or stopped (<paramref name="what"/>), and how far it was.</summary>
    public static string ReplayControlled(string what, ReplayRun run) => $"{what} {run.Recording.Name} at {run.Sent} of {run.Total}";
}
