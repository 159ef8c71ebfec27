using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Tables;
using TurbineConsole.Simulator.Web.Telemetry;

namespace TurbineConsole.Simulator.Web.Components.Pages;

/// <summary>DynamoDB's "Explore items" over <see cref="ITableStore"/>: a query by location and time range, paged with LastEvaluatedKey.</summary>
public sealed partial class Tables
{
    private const string TimeFormat = "yyyy-MM-dd HH:mm:ss";

    private string _table = "";
    private string? _location;
    private string? _from;
    private string? _to;
    private TableSort _sort = TableSort.NewestFirst;
    private int _pageSize = 50;
    private IReadOnlyList<string> _knownLocations = [];
    private IReadOnlyList<Item>? _items;
    private IReadOnlyList<string> _columns = [];
    private ItemKey? _lastEvaluatedKey;
    private readonly List<ItemKey?> _pageStarts = [];
    private TableQuery? _query;
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

    private async Task RunAsync()
    {
        _error = null;
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
        if (_pageSize is < 1 or > 1000)
        {
            _error = "Items per page must be 1 to 1,000.";
            return;
        }
        var location = _location.Trim();
        _query = new TableQuery(location)
        {
            SortKeyFrom = from is { } f ? AttributeValue.FromString(WindDataItem.SortKeyFrom(f)) : (AttributeValue?)null,
            SortKeyTo = to is { } t ? AttributeValue.FromString(WindDataItem.SortKeyTo(t)) : (AttributeValue?)null,
            Ascending = _sort == TableSort.OldestFirst,
            Limit = _pageSize,
        };
        _shownLocation = location;
        _pageStarts.Clear();
        await LoadPageAsync(null);
    }

    private Task NextPageAsync() => _lastEvaluatedKey is { } next ? LoadPageAsync(next) : Task.CompletedTask;

    private async Task PreviousPageAsync()
    {
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
            _items = Sorted(page.Items);
            _columns = Columns(_items);
        }
        catch (TableNotFoundException)
        {
            _error = $"There is no table {_table}. The pipeline creates it at start; check Pipeline:Tables in appsettings.json.";
        }
        catch (TableException e)
        {
            _error = $"The query failed: {e.Message}";
        }
        finally
        {
            _busy = false;
        }
    }

    private IReadOnlyList<Item> Sorted(IReadOnlyList<Item> items) => _sort switch
    {
        TableSort.ScoreHighFirst => items.OrderByDescending(i => i.GetNumberOrNull("score") ?? double.MinValue).ToList(),
        TableSort.SpeedHighFirst => items.OrderByDescending(i => i.GetNumberOrNull("speed") ?? i.GetNumberOrNull("maxSpeed") ?? double.MinValue).ToList(),
        _ => items,
    };

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

    private bool IsNumeric(string column) => _items?.FirstOrDefault(i => i.ContainsKey(column)) is { } item && item[column].Type == AttributeType.Number;

    private static string Show(Item item, string column) => !item.TryGetValue(column, out var value) ? "" : value.Type switch
    {
        AttributeType.String => value.S!,
        AttributeType.Number => value.N.ToString("0.###", CultureInfo.InvariantCulture),
        AttributeType.Bool => value.Bool ? "true" : "false",
        _ => "null",
    };
}
