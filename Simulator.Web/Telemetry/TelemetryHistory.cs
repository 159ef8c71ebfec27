using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Simulation;
using TurbineConsole.Pipeline.Tables;

namespace TurbineConsole.Simulator.Web.Telemetry;

/// <summary>What the dashboard shows before the feed brings anything: read from the tables by location and time range.</summary>
public sealed class TelemetryHistory(ITableStore tables, IOptions<PipelineOptions> options, TelemetryFeed feed)
{
    private readonly TableSettings _tables = options.Value.Tables;

    /// <summary>The newest scored readings of a location from <paramref name="since"/> on (at most <paramref name="limit"/>), oldest first.</summary>
    public Task<IReadOnlyList<AnomalyResult>> ResultsAsync(string location, DateTimeOffset since, int limit, CancellationToken cancellationToken = default) =>
        NewestAsync(_tables.WindData, location, since, limit, WindDataItem.ToResult, cancellationToken);

    /// <summary>The newest max-speed windows of a location from <paramref name="since"/> on (at most <paramref name="limit"/>), oldest first.</summary>
    public Task<IReadOnlyList<MaxSpeedWindow>> WindowsAsync(string location, DateTimeOffset since, int limit, CancellationToken cancellationToken = default) =>
        NewestAsync(_tables.MaxWindSpeed, location, since, limit, MaxWindSpeedItem.ToWindow, cancellationToken);

    /// <summary>
    /// How many scored readings of a location the wind data table holds from its first on, counting at most
    /// <paramref name="limit"/> (enough to tell whether a forest keyed by location is still warming up).
    /// </summary>
    public async Task<int> CountResultsAsync(string location, int limit, CancellationToken cancellationToken = default)
    {
        var page = await tables.QueryAsync(_tables.WindData, new TableQuery(location) { Ascending = true, Limit = limit }, cancellationToken);
        return page.Items.Count;
    }

    /// <summary>The newest items of a location's partition from <paramref name="since"/> on, oldest first (both tables sort by time text).</summary>
    private async Task<IReadOnlyList<T>> NewestAsync<T>(string table, string location, DateTimeOffset since, int limit, Func<Item, T> read, CancellationToken cancellationToken)
    {
        var page = await tables.QueryAsync(table, new TableQuery(location)
        {
            SortKeyFrom = WindDataItem.SortKeyFrom(since),
            Ascending = false,
            Limit = limit,
        }, cancellationToken);
        return page.Items.Select(read).Reverse().ToList();
    }

    /// <summary>Most points per series of a range read with <see cref="RangeAsync"/>.</summary>
    public const int RangePoints = 300;

    /// <summary>Most scored readings (and, apart, most rollups) one range read takes from the tables; beyond it the oldest part of the range is left out (and said).</summary>
    public const int MaxRangeReadings = 200_000;

    /// <summary>Most max-speed windows one range read takes from the table.</summary>
    public const int MaxRangeWindows = 50_000;

    /// <summary>Items per page of a range read.</summary>
    private const int RangePageSize = 1_000;

    /// <summary>
    /// A location's readings and windows from <paramref name="from"/> to <paramref name="to"/>, downsampled to at most
    /// <paramref name="points"/> buckets keeping each bucket's maxima. A range whose buckets are a minute or more is read
    /// from the rollup table (<see cref="ReadRangeAsync"/>); a shorter one from the readings, newest first, page by page, at
    /// most <paramref name="maxReadings"/>: on a range that holds more, the newest are shown and the result says from when.
    /// </summary>
    public Task<HistoryRange> RangeAsync(
        string location, DateTimeOffset from, DateTimeOffset to, int points = RangePoints, int maxReadings = MaxRangeReadings, CancellationToken cancellationToken = default) =>
        ReadRangeAsync(location, null, from, to, points, maxReadings, null, cancellationToken);

    /// <summary>
    /// One turbine's readings from <paramref name="from"/> to <paramref name="to"/>, downsampled as <see cref="RangeAsync"/>
    /// does, and its readings that <paramref name="isAnomaly"/> calls anomalies, newest first, at most <paramref name="maxAnomalies"/>
    /// (each with the detector's expected speed and attribution when it said them). Where the range is read from rollups,
    /// a bucket's anomaly is its highest-scored reading, so at most one per turbine and rollup bucket is listed. The
    /// location's items are read and the turbine's kept: the tables are keyed by location.
    /// </summary>
    public async Task<TurbineHistory> TurbineAsync(
        string location, string turbine, DateTimeOffset from, DateTimeOffset to, Func<AnomalyResult, bool> isAnomaly, int maxAnomalies = 50,
        int maxReadings = MaxRangeReadings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(isAnomaly);
        var anomalies = new List<AnomalyResult>();
        var range = await ReadRangeAsync(location, turbine, from, to, RangePoints, maxReadings, r =>
        {
            if (anomalies.Count < maxAnomalies && isAnomaly(r))
                anomalies.Add(r);
        }, cancellationToken);
        return new TurbineHistory(turbine, range, anomalies);
    }

    /// <summary>
    /// Reads a range into a <see cref="SpikeDownsampler"/>. When its buckets are whole rollup buckets (a minute or more),
    /// the rollups of that width are read up to the end of the newest one stored (the rollup job writes a bucket once it
    /// has closed) and the readings after it from the wind data table; since the buckets nest, the result is the same as
    /// from the readings alone. Without rollups in the range (none written yet) every reading is read.
    /// </summary>
    private async Task<HistoryRange> ReadRangeAsync(
        string location, string? turbine, DateTimeOffset from, DateTimeOffset to, int points, int maxReadings, Action<AnomalyResult>? seen, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxReadings, 1);
        var started = Stopwatch.GetTimestamp();
        var buckets = new SpikeDownsampler(from, to, points);
        var rawFrom = buckets.Start;
        TableQuery? rollupQuery = null;
        if (buckets.RollupWidth is { } width)
        {
            rollupQuery = new TableQuery(WindRollupItem.Series(location, width))
            {
                SortKeyFrom = WindRollupItem.SortKeyFrom(buckets.Start),
                SortKeyTo = WindRollupItem.SortKeyBefore(WindRollup.BucketStart(to, width)),
                Ascending = false,
            };
            var newest = await tables.QueryAsync(_tables.WindRollup, rollupQuery with { Limit = 1 }, cancellationToken);
            if (newest.Items.Count > 0)
                rawFrom = WindRollupItem.ToRollup(newest.Items[0]).End;
        }

        var query = new TableQuery(location)
        {
            SortKeyFrom = WindDataItem.SortKeyFrom(rawFrom),
            SortKeyTo = WindDataItem.SortKeyTo(to),
            Ascending = false,
        };
        DateTimeOffset? oldest = null;
        long read = 0;
        var capped = false;
        await foreach (var item in ReadAsync(_tables.WindData, query, maxReadings + 1, cancellationToken))
        {
            if (read == maxReadings)
            {
                capped = true;
                break;
            }
            var result = WindDataItem.ToResult(item);
            if (turbine is null || result.Reading.Turbine == turbine)
            {
                buckets.Add(result);
                seen?.Invoke(result);
            }
            oldest = result.Reading.Timestamp;
            read++;
        }

        var rollups = 0;
        if (rollupQuery is not null && rawFrom > buckets.Start && !capped)
        {
            await foreach (var item in ReadAsync(_tables.WindRollup, rollupQuery with { SortKeyTo = WindRollupItem.SortKeyBefore(rawFrom) }, maxReadings + 1, cancellationToken))
            {
                if (rollups == maxReadings)
                {
                    capped = true;
                    break;
                }
                var rollup = WindRollupItem.ToRollup(item);
                if (turbine is null || rollup.Turbine == turbine)
                {
                    buckets.Add(rollup);
                    seen?.Invoke(rollup.Peak);
                }
                oldest = rollup.Start;
                rollups++;
            }
        }

        var windowQuery = new TableQuery(location)
        {
            SortKeyFrom = WindDataItem.SortKeyFrom(buckets.Start),
            SortKeyTo = WindDataItem.SortKeyFrom(to),
            Ascending = false,
        };
        await foreach (var item in ReadAsync(_tables.MaxWindSpeed, windowQuery, MaxRangeWindows, cancellationToken))
        {
            var window = MaxWindSpeedItem.ToWindow(item);
            if (!capped || window.WindowStart >= oldest)
                buckets.Add(window);
        }
        return new HistoryRange(location, buckets.Start, to, buckets.BucketWidth, buckets.TurbinePoints(), buckets.ScorePoints(), buckets.WindowPoints(),
            buckets.Readings, capped ? oldest : null)
        {
            RollupWidth = rollups > 0 ? buckets.RollupWidth : null,
            RollupsRead = rollups,
            RawReadingsRead = read,
            ReadTime = Stopwatch.GetElapsedTime(started),
        };
    }

    /// <summary>The items of a query's range, page by page (following LastEvaluatedKey), at most <paramref name="maxItems"/>.</summary>
    private async IAsyncEnumerable<Item> ReadAsync(string table, TableQuery query, int maxItems, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var count = 0;
        ItemKey? start = null;
        do
        {
            var page = await tables.QueryAsync(table, query with { ExclusiveStartKey = start, Limit = Math.Min(RangePageSize, maxItems - count) }, cancellationToken);
            foreach (var item in page.Items)
            {
                yield return item;
                count++;
            }
            start = page.LastEvaluatedKey;
        }
        while (start is not null && count < maxItems);
    }

    /// <summary>
    /// Locations with scored readings since <paramref name="since"/>: the simulator's farms and any the feed has seen,
    /// each checked with a one-item query (DynamoDB has no cheap "list partitions").
    /// </summary>
    public async Task<IReadOnlyList<string>> ActiveLocationsAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        var candidates = WindDatasetGenerator.LocationNames.Append(WindDatasetGenerator.DiyLocation).Concat(feed.Locations).Distinct(StringComparer.Ordinal);
        var active = new List<string>();
        foreach (var location in candidates)
        {
            var page = await tables.QueryAsync(_tables.WindData, new TableQuery(location) { SortKeyFrom = WindDataItem.SortKeyFrom(since), Limit = 1 }, cancellationToken);
            if (page.Items.Count > 0)
                active.Add(location);
        }
        return active.Order(StringComparer.Ordinal).ToList();
    }
}
