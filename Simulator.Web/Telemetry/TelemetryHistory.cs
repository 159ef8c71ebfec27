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
