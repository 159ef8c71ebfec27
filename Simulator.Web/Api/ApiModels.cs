using TurbineConsole.Pipeline.Alerts;
using TurbineConsole.Pipeline.DeadLetters;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Replay;
using TurbineConsole.Pipeline.Simulation;
using TurbineConsole.Pipeline.Streams;

namespace TurbineConsole.Simulator.Web.Api;

/// <summary>A dataset of the simulator and its current or last run.</summary>
/// <param name="Dataset">The dataset's name in paths: <c>normal</c>, <c>anomaly</c> or <c>diy</c>.</param>
/// <param name="Title">Its name on the pages.</param>
/// <param name="Run">Its current or last run; null when it never ran since start.</param>
public sealed record DatasetStatus(string Dataset, string Title, RunStatusView? Run);

/// <summary>A run of a dataset.</summary>
/// <param name="Status">Running, Stopped, Completed, Failed or Interrupted.</param>
/// <param name="StreamName">The stream it sends to.</param>
/// <param name="ReadingsPerSecond">Its rate.</param>
/// <param name="StopAfter">How many readings it sends in all; null: until stopped.</param>
/// <param name="Locations">Locations simulated.</param>
/// <param name="TurbinesPerLocation">Turbines per location.</param>
/// <param name="Sent">Readings sent so far.</param>
/// <param name="Failed">Readings that could not be sent.</param>
/// <param name="Error">Why it failed or was interrupted; null otherwise.</param>
/// <param name="DailyAmplitudeMph">The daily wind profile's amplitude (0: off).</param>
/// <param name="WindiestHourUtc">The daily wind profile's windiest hour, UTC.</param>
/// <param name="Faults">The faults it scripts, as asked.</param>
/// <param name="GroundTruth">What it injected where: one entry per faulted turbine, with the readings changed.</param>
public sealed record RunStatusView(string Status, string StreamName, double ReadingsPerSecond, long? StopAfter, int Locations, int TurbinesPerLocation,
    long Sent, long Failed, string? Error, double DailyAmplitudeMph, double WindiestHourUtc, IReadOnlyList<FaultRequest> Faults, IReadOnlyList<InjectedFaultView> GroundTruth)
{
    /// <summary>The view of <paramref name="run"/>.</summary>
    public static RunStatusView Of(DatasetRun run)
    {
        var shape = run.Settings.Dataset;
        return new(run.Status.ToString(), run.Settings.StreamName, run.Settings.ReadingsPerSecond, run.Settings.StopAfter,
            shape.Locations, shape.TurbinesPerLocation, run.Sent, run.Failed, run.Error ?? run.JournalError, shape.DailyProfile.AmplitudeMph, shape.DailyProfile.PeakHourUtc,
            shape.Faults.Select(FaultRequest.Of).ToList(), run.GroundTruth.Select(InjectedFaultView.Of).ToList());
    }
}

/// <summary>A fault to script in a run, at a known position; what is left out of a fault's strength takes the default.</summary>
/// <param name="Kind"><c>stuck</c> (a sensor repeating its last value), <c>drift</c> (a sensor drifting away) or <c>gust</c> (a gust front crossing the location).</param>
/// <param name="Location">One of the dataset's locations.</param>
/// <param name="Turbine">For <c>stuck</c> and <c>drift</c>: one of the location's turbines; leave out for <c>gust</c>.</param>
/// <param name="StartSeconds">Seconds after the run's first reading at which it begins (0 to 2,592,000).</param>
/// <param name="DurationSeconds">Seconds it lasts, at each turbine (1 to 86,400).</param>
/// <param name="DriftMphPerMinute"><c>drift</c> only: mph per minute, 0.01 to 60 either way (default 2).</param>
/// <param name="GustMph"><c>gust</c> only: mph above the wind when the front arrives, 1 to 100 (default 25).</param>
/// <param name="DelaySeconds"><c>gust</c> only: seconds from one turbine to the next, 0 to 3,600 (default 10).</param>
public sealed record FaultRequest(string? Kind, string? Location, string? Turbine, double? StartSeconds, double? DurationSeconds,
    double? DriftMphPerMinute = null, double? GustMph = null, double? DelaySeconds = null)
{
    /// <summary>The request that scripts <paramref name="fault"/>.</summary>
    public static FaultRequest Of(ScriptedFault fault) => new(FaultFields.KindCode(fault.Kind), fault.Location, fault.Turbine, fault.Start.TotalSeconds,
        fault.Duration.TotalSeconds, fault.DriftMphPerMinute, fault.GustMph, fault.DelayPerTurbine?.TotalSeconds);

    /// <summary>
    /// The fault asked for as fault number <paramref name="number"/>, or why it cannot be read (a kind that is not one,
    /// a missing start or duration, a number too large for a time); its ranges are checked by the simulator.
    /// </summary>
    public ScriptedFault? ToFault(int number, out string? error)
    {
        if (FaultFields.ParseKind(Kind, out var kind) is { } kindError)
        {
            error = $"Fault {number}: {kindError}";
            return null;
        }
        var prefix = $"Fault {number} ({FaultFields.KindName(kind)}): ";
        error = StartSeconds is null ? prefix + $"{FaultFields.Start} is required."
            : DurationSeconds is null ? prefix + $"{FaultFields.Duration} is required."
            : Seconds(StartSeconds, FaultFields.Start, 0, FaultFields.MaxStartSeconds) ?? Seconds(DurationSeconds, FaultFields.Duration, 1, FaultFields.MaxDurationSeconds)
                ?? Seconds(DelaySeconds, FaultFields.Delay, 0, FaultFields.MaxDelaySeconds);
        if (error is not null)
        {
            error = error.StartsWith("Fault ", StringComparison.Ordinal) ? error : prefix + error;
            return null;
        }
        return new ScriptedFault
        {
            Kind = kind,
            Location = Location ?? "",
            Turbine = Turbine,
            Start = TimeSpan.FromSeconds(StartSeconds!.Value),
            Duration = TimeSpan.FromSeconds(DurationSeconds!.Value),
            DriftMphPerMinute = DriftMphPerMinute,
            GustMph = GustMph,
            DelayPerTurbine = DelaySeconds is { } delay ? TimeSpan.FromSeconds(delay) : null,
        };
    }

    /// <summary>Why a number of seconds is refused, in the simulator's words, before it is made a time (which a huge number cannot be).</summary>
    private static string? Seconds(double? value, string field, double min, double max) =>
        value is { } v && (!double.IsFinite(v) || v < min || v > max)
            ? FormattableString.Invariant($"{field} must be {min:#,0} to {max:#,0}; {v:#,0.###} is outside that range.")
            : null;
}

/// <summary>What a run injected at one turbine (the ground truth).</summary>
/// <param name="Kind"><c>stuck</c>, <c>drift</c> or <c>gust</c>.</param>
/// <param name="Location">Where.</param>
/// <param name="Turbine">Which turbine's readings.</param>
/// <param name="From">When it began at this turbine (event time, UTC).</param>
/// <param name="Until">When it ended (exclusive).</param>
/// <param name="FirstSeq">The first changed reading's <c>seq</c>.</param>
/// <param name="LastSeq">The last changed reading's <c>seq</c>.</param>
/// <param name="Readings">How many readings it changed.</param>
public sealed record InjectedFaultView(string Kind, string Location, string Turbine, DateTimeOffset From, DateTimeOffset Until, long FirstSeq, long LastSeq, long Readings)
{
    /// <summary>The view of <paramref name="fault"/>.</summary>
    public static InjectedFaultView Of(InjectedFault fault) =>
        new(FaultFields.KindCode(fault.Kind), fault.Location, fault.Turbine, fault.From, fault.Until, fault.FirstSeq, fault.LastSeq, fault.ReadingCount);
}

/// <summary>How to run a dataset; what is left out takes the Simulator page's defaults.</summary>
/// <param name="ReadingsPerSecond">Readings per second in all (0.1 up to the site's limit; default 10).</param>
/// <param name="StopAfter">Stop after this many readings (at least 1); null or absent: run until stopped.</param>
/// <param name="Locations">Locations to simulate (default: the dataset's).</param>
/// <param name="TurbinesPerLocation">Turbines per location (default: the dataset's).</param>
/// <param name="StreamName">The stream to send to (default: the pipeline's input stream).</param>
/// <param name="Faults">Faults to script at known positions (at most 20; default none).</param>
/// <param name="DailyAmplitudeMph">The daily wind profile's amplitude, 0 to 20 mph (default 0: off).</param>
/// <param name="WindiestHourUtc">The daily wind profile's windiest hour, UTC, 0 to 24 (default 15).</param>
public sealed record StartDatasetRequest(double? ReadingsPerSecond, long? StopAfter, int? Locations, int? TurbinesPerLocation, string? StreamName,
    IReadOnlyList<FaultRequest>? Faults = null, double? DailyAmplitudeMph = null, double? WindiestHourUtc = null);

/// <summary>A scored reading, as stored in WindDataTable.</summary>
/// <param name="Location">Its location.</param>
/// <param name="Turbine">Its turbine.</param>
/// <param name="Time">Its event time (UTC).</param>
/// <param name="SpeedMph">Wind speed, mph.</param>
/// <param name="Score">Its anomaly score (0 while the location's forest warms up).</param>
/// <param name="Grade">Its anomaly grade (0: not an anomaly).</param>
/// <param name="ExpectedSpeedMph">What the detector expected at an anomaly; null otherwise.</param>
public sealed record ScoredReading(string Location, string Turbine, DateTimeOffset Time, double SpeedMph, double Score, double Grade, double? ExpectedSpeedMph)
{
    /// <summary>The view of <paramref name="result"/>.</summary>
    public static ScoredReading Of(AnomalyResult result) =>
        new(result.Reading.Location, result.Reading.Turbine, result.Reading.Timestamp, result.Reading.SpeedMph, result.Score, result.Grade, result.ExpectedSpeedMph);
}

/// <summary>A closed max-speed window, as stored in MaxWindSpeedTable.</summary>
/// <param name="Location">Its location.</param>
/// <param name="Start">Window start (UTC).</param>
/// <param name="End">Window end (UTC).</param>
/// <param name="MaxSpeedMph">The highest speed in the window.</param>
/// <param name="ReadingCount">Readings in the window.</param>
public sealed record MaxSpeedView(string Location, DateTimeOffset Start, DateTimeOffset End, double MaxSpeedMph, long ReadingCount)
{
    /// <summary>The view of <paramref name="window"/>.</summary>
    public static MaxSpeedView Of(MaxSpeedWindow window) => new(window.Location, window.WindowStart, window.WindowEnd, window.MaxSpeedMph, window.ReadingCount);
}

/// <summary>A page of results; <paramref name="Next"/> asks for the following page (as <c>next=</c>), null on the last.</summary>
/// <typeparam name="T">The items.</typeparam>
public sealed record ResultPage<T>(IReadOnlyList<T> Items, string? Next);

/// <summary>An alert incident, with its severity, whether a silence matched it, its escalation and reminders, and its timeline.</summary>
public sealed record IncidentView(string Location, string Id, string State, string Turbine, double SpeedMph, double Score, double MaxSpeedMph, double MaxScore,
    DateTimeOffset FirstSeen, DateTimeOffset LastSeen, string? AcknowledgedBy, DateTimeOffset? AcknowledgedAt, string? AcknowledgeComment,
    string? ResolvedBy, DateTimeOffset? ResolvedAt, string? ResolveComment, string Severity, string? SilencedBy, DateTimeOffset? EscalatedAt, int Reminders,
    IReadOnlyList<IncidentEventView> Timeline)
{
    /// <summary>The view of <paramref name="incident"/>.</summary>
    public static IncidentView Of(Incident incident) => new(incident.Location, incident.Id, incident.State.ToString(), incident.Turbine, incident.SpeedMph,
        incident.Score, incident.MaxSpeedMph, incident.MaxScore, incident.FirstSeen, incident.LastSeen, incident.AcknowledgedBy, incident.AcknowledgedAt,
        incident.AcknowledgeComment, incident.ResolvedBy, incident.ResolvedAt, incident.ResolveComment, incident.Severity.ToString(), incident.SilencedBy,
        incident.EscalatedAt, incident.Reminders, incident.Timeline.Select(IncidentEventView.Of).ToList());
}

/// <summary>One entry of an incident's timeline.</summary>
/// <param name="At">When it happened.</param>
/// <param name="Kind">Raised, Silenced, Notified, NotificationFailed, SeverityRaised, Escalated, Renotified, Acknowledged, Commented or Resolved.</param>
/// <param name="By">Who did it, when someone did.</param>
/// <param name="Text">Details: the comment, the channel, the silence.</param>
public sealed record IncidentEventView(DateTimeOffset At, string Kind, string? By, string? Text)
{
    /// <summary>The view of <paramref name="entry"/>.</summary>
    public static IncidentEventView Of(IncidentEvent entry) => new(entry.At, entry.Kind.ToString(), entry.By, entry.Text);
}

/// <summary>A comment: optional with an acknowledgement or a resolution, required on its own (at most 500 characters, one line).</summary>
/// <param name="Comment">The comment.</param>
public sealed record IncidentActionRequest(string? Comment);

/// <summary>A record a consumer could not read.</summary>
/// <param name="Consumer">The job or function that set it aside.</param>
/// <param name="StreamName">The stream it came from.</param>
/// <param name="ShardId">The shard it came from.</param>
/// <param name="SequenceNumber">Its sequence number there.</param>
/// <param name="PartitionKey">Its partition key.</param>
/// <param name="Reason">Why it could not be read.</param>
/// <param name="FailedAt">When (UTC).</param>
/// <param name="DataBase64">The record's bytes, base64.</param>
public sealed record DeadLetterView(string Consumer, string StreamName, string ShardId, string SequenceNumber, string PartitionKey, string Reason, DateTimeOffset FailedAt,
    string DataBase64)
{
    /// <summary>The view of <paramref name="letter"/>.</summary>
    public static DeadLetterView Of(DeadLetter letter) => new(letter.Consumer, letter.StreamName, letter.ShardId, letter.SequenceNumber, letter.PartitionKey,
        letter.Reason, letter.FailedAt, Convert.ToBase64String(letter.Data.Span));
}

/// <summary>Dead letters to act on, by their keys.</summary>
/// <param name="Letters">The letters (at most 1,000).</param>
public sealed record DeadLetterSelection(IReadOnlyList<DeadLetterKey> Letters);

/// <summary>What a re-drive did.</summary>
/// <param name="RecordsPut">Records put back into their streams.</param>
/// <param name="LettersRemoved">Dead letters removed.</param>
/// <param name="Errors">Letters that could not be put (they stay).</param>
public sealed record RedriveView(int RecordsPut, int LettersRemoved, IReadOnlyList<string> Errors);

/// <summary>An imported recording and its current or last replay.</summary>
/// <param name="Id">Its id, for the replay endpoints.</param>
/// <param name="Name">The file's name.</param>
/// <param name="Readings">Readings in it.</param>
/// <param name="Locations">Its locations.</param>
/// <param name="First">Its first reading's recorded time.</param>
/// <param name="Last">Its last reading's recorded time.</param>
/// <param name="Replay">Its current or last replay; null before the first.</param>
public sealed record ReplayView(string Id, string Name, int Readings, IReadOnlyList<string> Locations, DateTimeOffset First, DateTimeOffset Last, ReplayRunView? Replay)
{
    /// <summary>The view of <paramref name="recording"/> and its replay.</summary>
    public static ReplayView Of(Recording recording, ReplayRun? run) => new(recording.Id, recording.Name, recording.Readings.Count, recording.Locations, recording.First,
        recording.Last, run is null ? null : new ReplayRunView(run.Status.ToString(), run.Settings.Pace.ToString(), run.Settings.Speedup, run.Settings.ShiftToNow,
            run.Sent, run.Failed, run.Total, Math.Round(run.Progress * 100, 1), run.Error));
}

/// <summary>A replay.</summary>
/// <param name="Status">Running, Paused, Completed, Stopped or Failed.</param>
/// <param name="Pace">Recorded, Faster or Backfill.</param>
/// <param name="Speedup">Times faster, with Faster.</param>
/// <param name="ShiftToNow">Whether times are shifted to now.</param>
/// <param name="Sent">Readings sent.</param>
/// <param name="Failed">Readings the stream refused.</param>
/// <param name="Total">Readings in the recording.</param>
/// <param name="Percent">Share handled, in per cent.</param>
/// <param name="Error">Why it failed; null otherwise.</param>
public sealed record ReplayRunView(string Status, string Pace, double Speedup, bool ShiftToNow, long Sent, long Failed, int Total, double Percent, string? Error);

/// <summary>How to replay; what is left out: at the recorded pace, 10 times for Faster, times shifted to now.</summary>
/// <param name="Pace">Recorded, Faster or Backfill.</param>
/// <param name="Speedup">Times faster (more than 1), with Faster.</param>
/// <param name="ShiftToNow">Stamp readings as if now (true) or keep their recorded times (false).</param>
public sealed record StartReplayRequest(ReplayPace? Pace, double? Speedup, bool? ShiftToNow);

/// <summary>One shard of a stream, as ListShards gives it.</summary>
/// <param name="ShardId">Its id.</param>
/// <param name="StartingHashKey">The first hash key it owns.</param>
/// <param name="EndingHashKey">The last hash key it owns.</param>
/// <param name="ParentShardId">The shard it was split or merged from, if any.</param>
/// <param name="AdjacentParentShardId">The second shard it was merged from, if any.</param>
/// <param name="Open">True while it takes records; false once split or merged.</param>
public sealed record ShardView(string ShardId, string StartingHashKey, string EndingHashKey, string? ParentShardId, string? AdjacentParentShardId, bool Open)
{
    /// <summary>The view of <paramref name="shard"/>.</summary>
    public static ShardView Of(ShardDescription shard) =>
        new(shard.ShardId, shard.StartingHashKey, shard.EndingHashKey, shard.ParentShardId, shard.AdjacentParentShardId, shard.IsOpen);
}

/// <summary>What <c>POST /streams/{stream}/shard-count</c> takes.</summary>
/// <param name="TargetShardCount">The open shards wanted: from half (rounded up) to double the current count.</param>
public sealed record ShardCountRequest(int? TargetShardCount);

/// <summary>What a shard-count change did.</summary>
/// <param name="StreamName">The stream.</param>
/// <param name="CurrentShardCount">Open shards before.</param>
/// <param name="TargetShardCount">Open shards now.</param>
public sealed record ShardCountView(string StreamName, int CurrentShardCount, int TargetShardCount);
