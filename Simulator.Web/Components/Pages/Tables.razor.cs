using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Tables;
using TurbineConsole.Simulator.Web.Telemetry;

namespace TurbineConsole.Simulator.Web.Components.Pages;

/// <summary>
/// DynamoDB's "Explore items" over <see cref="ITableStore"/>: a query by location and time range. In time order it is
/// paged by the store with LastEvaluatedKey; ordered by score or speed it reads the whole range (up to
/// <see cref="SortLimit"/> items, saying so when the range holds more) and pages the sorted items, so page 1 holds
/// the highest of the range, not of one page. Times are UTC, typed and shown.
/// </summary>
public sealed partial class Tables
{
    private const string TimeFormat = "yyyy-MM-dd HH:mm:ss";

    /// <summary>
    /// Most items an order by score or speed reads from a range. DynamoDB orders a query only by its sort key, so such
    /// an order needs every item of the range: this bounds what one request reads and holds in the web process.
    /// </summary>
    internal const int SortLimit = 10_000;

    /// <summary>Most items one page shows.</summary>
    private const int MaxPageSize = 1_000;

    private string _table = "";
    private string? _location;
    private string? _from;
    private string? _to;
    private TableSort _sort = TableSort.NewestFirst;
    private string? _pageSizeText = "50";
    private IReadOnlyList<string> _knownLocations = [];
    private IReadOnlyList<Item>? _items;
    private IReadOnlyList<string> _columns = [];
    private ItemKey? _lastEvaluatedKey;
    private readonly List<ItemKey?> _pageStarts = [];
    private TableQuery? _query;

    /// <summary>For an order by score or speed, every item of the range read, in that order; null in time order.</summary>
    private IReadOnlyList<Item>? _range;

    /// <summary>Whether <see cref="_range"/> holds the whole range (false: the range held more than <see cref="SortLimit"/>).</summary>
    private bool _rangeComplete;

    /// <summary>The page of <see cref="_range"/> shown, from 0.</summary>
    private int _rangePage;

    /// <summary>Items per page of the query shown.</summary>
    private int _shownPageSize;
    private string? _shownLocation;
    private string? _error;
    private bool _busy;

    [Inject] private ITableStore Store { get; set; } = null!;
    [Inject] private TelemetryHistory History { get; set; } = null!;
    [Inject] private IOptions<PipelineOptions> Settings { get; set; } = null!;
    [Inject] private TimeProvider Clock { get; set; } = null!;

    private string WindTable => Settings.Value.Tables.WindData;
    private string MaxTable => Settings.Value.Tables.MaxWindSpeed;

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        _table = WindTable;
        var now = Clock.GetUtcNow();
        _from = (now - TimeSpan.FromHours(1)).ToString(TimeFormat, CultureInfo.InvariantCulture);
        try
        {
            _knownLocations = await History.ActiveLocationsAsync(now - TimeSpan.FromHours(24));
            _location = _knownLocations.FirstOrDefault();
        }
        catch (Exception e) when (e is TableException or InvalidOperationException)
        {
            _error = $"Could not read {WindTable}: {e.Message}";
        }
    }

    private string? PageSizeError => WholeNumberField.Parse(_pageSizeText, "Items per page", 1, MaxPageSize, out _);

    private bool IsValueSort => _sort is TableSort.ScoreHighFirst or TableSort.SpeedHighFirst;

    private bool HasPreviousPage => _range is not null ? _rangePage > 0 : _pageStarts.Count > 1;

    private bool HasNextPage => _range is not null ? (_rangePage + 1) * _shownPageSize < _range.Count : _lastEvaluatedKey is not null;

    private int PageNumber => _range is not null ? _rangePage + 1 : _pageStarts.Count;

    private async Task RunAsync()
    {
        _error = null;
        // A new query, or an error, never shows the rows of the previous one.
        ClearResults();
        if (string.IsNullOrWhiteSpace(_location))
        {
            _error = "Enter a location, for example Chicago: items are read one location (partition) at a time.";
            return;
        }
        if (!TryParseTime(_from, "From", out var from) || !TryParseTime(_to, "To", out var to))
            return;
        if (from is not null && to is not null && from > to)
        {
            _error = "\"From\" is after \"To\": swap them or widen the range.";
            return;
        }
        if (WholeNumberField.Parse(_pageSizeText, "Items per page", 1, MaxPageSize, out var pageSize) is { } pageSizeError)
        {
            _error = pageSizeError;
            return;
        }
        var location = _location.Trim();
        _query = new TableQuery(location)
        {
            SortKeyFrom = from is { } f ? AttributeValue.FromString(WindDataItem.SortKeyFrom(f)) : (AttributeValue?)null,
            SortKeyTo = to is { } t ? AttributeValue.FromString(WindDataItem.SortKeyTo(t)) : (AttributeValue?)null,
            Ascending = _sort == TableSort.OldestFirst,
            Limit = pageSize,
        };
        _shownLocation = location;
        _shownPageSize = pageSize;
        if (IsValueSort)
            await LoadRangeAsync(_sort);
        else
            await LoadPageAsync(null);
    }

    private void ClearResults()
    {
        _items = null;
        _columns = [];
        _range = null;
        _rangePage = 0;
        _rangeComplete = true;
        _lastEvaluatedKey = null;
        _pageStarts.Clear();
    }

    private Task NextPageAsync()
    {
        if (_range is not null)
        {
            ShowRangePage(_rangePage + 1);
            return Task.CompletedTask;
        }
        return _lastEvaluatedKey is { } next ? LoadPageAsync(next) : Task.CompletedTask;
    }

    private async Task PreviousPageAsync()
    {
        if (_range is not null)
        {
            ShowRangePage(_rangePage - 1);
            return;
        }
        if (_pageStarts.Count <= 1)
            return;
        _pageStarts.RemoveAt(_pageStarts.Count - 1);
        var start = _pageStarts[^1];
        _pageStarts.RemoveAt(_pageStarts.Count - 1);
        await LoadPageAsync(start);
    }

    private async Task LoadPageAsync(ItemKey? start)
    {
        if (_query is null)
            return;
        _busy = true;
        try
        {
            var page = await Store.QueryAsync(_table, _query with { ExclusiveStartKey = start });
            _pageStarts.Add(start);
            _lastEvaluatedKey = page.LastEvaluatedKey;
            _items = page.Items;
            _columns = Columns(_items);
        }
        catch (TableException e)
        {
            ClearResults();
            _error = QueryError(e);
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>Reads the whole range, newest first (what a limit keeps), and orders it by <paramref name="sort"/>.</summary>
    private async Task LoadRangeAsync(TableSort sort)
    {
        if (_query is null)
            return;
        _busy = true;
        try
        {
            var range = await ItemRange.ReadAsync(Store, _table, _query with { Ascending = false }, SortLimit);
            // Stable: equal values stay newest first.
            _range = range.Items.OrderByDescending(i => SortValue(i, sort) ?? double.NegativeInfinity).ToList();
            _rangeComplete = range.IsComplete;
            _columns = Columns(_range);
            ShowRangePage(0);
        }
        catch (TableException e)
        {
            ClearResults();
            _error = QueryError(e);
        }
        finally
        {
            _busy = false;
        }
    }

    private void ShowRangePage(int page)
    {
        if (_range is null)
            return;
        _rangePage = Math.Clamp(page, 0, Math.Max(0, (_range.Count - 1) / _shownPageSize));
        _items = _range.Skip(_rangePage * _shownPageSize).Take(_shownPageSize).ToList();
    }

    private static double? SortValue(Item item, TableSort sort) => sort switch
    {
        TableSort.ScoreHighFirst => item.GetNumberOrNull("score"),
        TableSort.SpeedHighFirst => item.GetNumberOrNull("speed") ?? item.GetNumberOrNull("maxSpeed"),
        _ => null,
    };

    private string QueryError(TableException e) => e is TableNotFoundException
        ? $"There is no table {_table}. The pipeline creates its tables at start; check the table names in the pipeline's settings."
        : $"The query failed: {e.Message}";

    private bool TryParseTime(string? text, string field, out DateTimeOffset? time)
    {
        time = null;
        if (string.IsNullOrWhiteSpace(text))
            return true;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            time = parsed;
            return true;
        }
        _error = $"\"{field}\" is not a time: write it as {TimeFormat} (UTC), for example 2026-11-30 12:00:00, or leave it empty.";
        return false;
    }

    private static IReadOnlyList<string> Columns(IReadOnlyList<Item> items)
    {
        var keys = new[] { WindDataItem.PartitionKey, WindDataItem.SortKey, MaxWindSpeedItem.SortKey };
        var all = items.SelectMany(i => i.Keys).Distinct(StringComparer.Ordinal).ToList();
        return keys.Where(all.Contains).Concat(all.Where(k => !keys.Contains(k)).Order(StringComparer.Ordinal)).ToList();
    }

    /// <summary>Whether a column holds times (UTC, or a sort key that begins with one).</summary>
    private static bool IsTime(string column) => column is WindDataItem.SortKey or MaxWindSpeedItem.SortKey or "timestamp" or "windowEnd";

    private bool IsNumeric(string column) => _items?.FirstOrDefault(i => i.ContainsKey(column)) is { } item && item[column].Type == AttributeType.Number;

    private static string Show(Item item, string column) => !item.TryGetValue(column, out var value) ? "" : value.Type switch
    {
        AttributeType.String => value.S!,
        AttributeType.Number => value.N.ToString("0.###", CultureInfo.InvariantCulture),
        AttributeType.Bool => value.Bool ? "true" : "false",
        _ => "null",
    };
}
