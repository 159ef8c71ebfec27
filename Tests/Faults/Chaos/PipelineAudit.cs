using System.Globalization;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Tables;

namespace TurbineConsole.Tests.Faults.Chaos;

/// <summary>
/// What the tables hold against what the producer stored. WindDataTable: one item per reading (turbine, seq), none
/// missing, none twice, none unknown, with the speed put. MaxWindSpeedTable: every window that must have closed
/// (its end at or before its location's newest event time less the allowed lateness) is there, and every window
/// there has the maximum and the reading count recomputed from the readings, so a reading counted twice by the
/// max-speed job after a replay, or lost from it, shows even though the table's keys cannot duplicate.
/// </summary>
internal sealed record AuditResult(
    int Readings,
    int Lost,
    int Duplicated,
    int Unknown,
    int WrongValues,
    int WindowsExpected,
    int WindowsMissing,
    int WindowsWrong,
    long WindowReadingsMissing,
    long WindowReadingsExtra,
    IReadOnlyList<string> Problems)
{
    /// <summary>Every reading and every window that must have closed is there (they may still be wrong).</summary>
    public bool Complete => Lost == 0 && WindowsMissing == 0;

    /// <summary>Every reading exactly once, every closed window right.</summary>
    public bool ExactlyOnce => Complete && Duplicated == 0 && Unknown == 0 && WrongValues == 0 && WindowsWrong == 0;

    /// <summary>Readings lost on either path: missing from WindDataTable, or not counted in their closed window.</summary>
    public long LostAnywhere => Lost + WindowReadingsMissing;

    /// <summary>Readings stored or counted more than once: twice in WindDataTable, or counted again in their window.</summary>
    public long DuplicatedAnywhere => Duplicated + WindowReadingsExtra;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"readings={Readings} lost={Lost} duplicated={Duplicated} unknown={Unknown} wrong={WrongValues} windows={WindowsExpected} windows_missing={WindowsMissing} windows_wrong={WindowsWrong} window_readings_missing={WindowReadingsMissing} window_readings_extra={WindowReadingsExtra}")
        + (Problems.Count == 0 ? "" : "\n  " + string.Join("\n  ", Problems));
}

/// <summary>Reads both tables back and compares them with the producer's ledger (see <see cref="AuditResult"/>).</summary>
internal static class PipelineAudit
{
    /// <summary>Problems listed in a result, at most.</summary>
    private const int MaxProblems = 12;

    /// <summary>One audit of the tables against <paramref name="produced"/>.</summary>
    public static async Task<AuditResult> RunAsync(ITableStore tables, string windTable, string maxSpeedTable, IReadOnlyList<WindReading> produced,
        TimeSpan window, TimeSpan allowedLateness, CancellationToken cancellationToken = default)
    {
        var problems = new List<string>();
        void Problem(string text)
        {
            if (problems.Count < MaxProblems)
                problems.Add(text);
        }

        var locations = produced.Select(r => r.Location).Distinct(StringComparer.Ordinal).ToList();

        // Readings: one item per (turbine, seq).
        var expected = produced.ToDictionary(r => (r.Turbine, r.Seq));
        var items = await ReadAllAsync(tables, windTable, locations, cancellationToken).ConfigureAwait(false);
        var seen = new Dictionary<(string, long), int>();
        int duplicated = 0, unknown = 0, wrong = 0;
        foreach (var item in items)
        {
            var id = (item.GetString("turbine"), (long)item.GetNumber("seq"));
            seen[id] = seen.GetValueOrDefault(id) + 1;
            if (seen[id] > 1)
            {
                duplicated++;
                Problem($"reading {id.Item1}#{id.Item2} is in {windTable} {seen[id]} times");
            }
            else if (!expected.TryGetValue(id, out var reading))
            {
                unknown++;
                Problem($"{windTable} holds {item.GetString(WindDataItem.SortKey)}, which was never put");
            }
            else if (Math.Abs(item.GetNumber("speed") - reading.SpeedMph) > 1e-9 || item.GetString(WindDataItem.SortKey) != WindDataItem.EventId(reading))
            {
                wrong++;
                Problem($"reading {id.Item1}#{id.Item2} holds {item.GetNumber("speed")} mph at {item.GetString(WindDataItem.SortKey)}; {reading.SpeedMph} was put");
            }
        }

        var lost = expected.Keys.Count(k => !seen.ContainsKey(k));
        foreach (var missing in expected.Keys.Where(k => !seen.ContainsKey(k)).Take(3))
            Problem($"reading {missing.Turbine}#{missing.Seq} is missing from {windTable}");

        // Windows: recomputed from the readings.
        var windowTicks = window.Ticks;
        var recomputed = produced
            .GroupBy(r => (r.Location, Start: r.Timestamp.UtcTicks - (r.Timestamp.UtcTicks % windowTicks)))
            .ToDictionary(g => g.Key, g => (Max: g.Max(r => r.SpeedMph), Count: g.LongCount()));
        var watermarks = produced.GroupBy(r => r.Location).ToDictionary(g => g.Key, g => g.Max(r => r.Timestamp.UtcTicks) - allowedLateness.Ticks);
        var mustBeClosed = recomputed.Keys.Where(k => k.Start + windowTicks <= watermarks[k.Location]).ToHashSet();
        var windows = (await ReadAllAsync(tables, maxSpeedTable, locations, cancellationToken).ConfigureAwait(false)).Select(MaxWindSpeedItem.ToWindow).ToList();
        var windowsWrong = 0;
        long countedTooFew = 0, countedTooOften = 0;
        var present = new HashSet<(string, long)>();
        foreach (var w in windows)
        {
            var key = (w.Location, w.WindowStart.UtcTicks);
            present.Add(key);
            var e = recomputed.GetValueOrDefault(key);
            countedTooFew += Math.Max(0, e.Count - w.ReadingCount);
            countedTooOften += Math.Max(0, w.ReadingCount - e.Count);
            if (Math.Abs(e.Max - w.MaxSpeedMph) > 1e-9 || e.Count != w.ReadingCount)
            {
                windowsWrong++;
                Problem(string.Create(CultureInfo.InvariantCulture,
                    $"window {w.Location} {w.WindowStart:HH:mm:ss.fff}: max {w.MaxSpeedMph} of {w.ReadingCount} readings in {maxSpeedTable}; recomputed {e.Max} of {e.Count}"));
            }
        }

        var windowsMissing = mustBeClosed.Count(k => !present.Contains(k));
        countedTooFew += mustBeClosed.Where(k => !present.Contains(k)).Sum(k => recomputed[k].Count);
        foreach (var (location, start) in mustBeClosed.Where(k => !present.Contains(k)).Take(3))
            Problem($"closed window {location} {new DateTimeOffset(start, TimeSpan.Zero):HH:mm:ss.fff} is missing from {maxSpeedTable}");

        return new AuditResult(produced.Count, lost, duplicated, unknown, wrong, mustBeClosed.Count, windowsMissing, windowsWrong, countedTooFew, countedTooOften, problems);
    }

    /// <summary>Audits every second until the result is complete or <paramref name="timeout"/> has passed; returns the last result.</summary>
    public static async Task<AuditResult> WaitUntilCompleteAsync(ITableStore tables, string windTable, string maxSpeedTable, IReadOnlyList<WindReading> produced,
        TimeSpan window, TimeSpan allowedLateness, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var result = await RunAsync(tables, windTable, maxSpeedTable, produced, window, allowedLateness).ConfigureAwait(false);
            if (result.Complete || DateTime.UtcNow > deadline)
                return result;
            await Task.Delay(1000).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// True when WindDataTable holds, for every one of <paramref name="locations"/>, a reading stamped at or after
    /// <paramref name="since"/>: each location's shard has been read, scored and stored up to then (shards are read in order).
    /// </summary>
    public static async Task<bool> CaughtUpAsync(ITableStore tables, string windTable, IEnumerable<string> locations, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        foreach (var location in locations)
        {
            var page = await tables.QueryAsync(windTable, new TableQuery(location) { SortKeyFrom = WindDataItem.SortKeyFrom(since), Limit = 1 }, cancellationToken)
                .ConfigureAwait(false);
            if (page.Items.Count == 0)
                return false;
        }

        return true;
    }

    /// <summary>Every item of <paramref name="table"/> for the locations, read with paged queries.</summary>
    public static async Task<List<Item>> ReadAllAsync(ITableStore tables, string table, IEnumerable<string> locations, CancellationToken cancellationToken = default)
    {
        var items = new List<Item>();
        foreach (var location in locations)
        {
            ItemKey? start = null;
            do
            {
                var page = await tables.QueryAsync(table, new TableQuery(location) { Limit = 1000, ExclusiveStartKey = start }, cancellationToken).ConfigureAwait(false);
                items.AddRange(page.Items);
                start = page.LastEvaluatedKey;
            }
            while (start is not null);
        }

        return items;
    }
}
