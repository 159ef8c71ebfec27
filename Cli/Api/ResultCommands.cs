using System.CommandLine;
using System.Text.Json;

namespace TurbineConsole.Cli.Api;

/// <summary><c>results</c> and <c>max-speed</c>: a location's stored results in a time range, all pages up to <c>--limit</c>.</summary>
internal sealed class ResultCommand : ApiCommand
{
    private readonly string _path;
    private readonly IReadOnlyList<(string Header, string Property)> _columns;
    private readonly Argument<string> _location = new("location") { Description = "The location." };
    private readonly Option<DateTimeOffset?> _from = new("--from") { Description = "From this time (ISO 8601, for example 2026-12-02T10:00:00Z).", HelpName = "TIME" };
    private readonly Option<DateTimeOffset?> _to = new("--to") { Description = "Up to this time (ISO 8601).", HelpName = "TIME" };
    private readonly Option<int> _limit = new("--limit") { Description = "Most items to fetch, over as many pages as needed.", HelpName = "N", DefaultValueFactory = _ => 1000 };
    private readonly Option<bool> _newestFirst = new("--newest-first") { Description = "Newest first (default: oldest first)." };

    private ResultCommand(string name, string description, string path, IReadOnlyList<(string, string)> columns)
        : base(name, description)
    {
        _path = path;
        _columns = columns;
        Arguments.Add(_location);
        Options.Add(_from);
        Options.Add(_to);
        Options.Add(_limit);
        Options.Add(_newestFirst);
        _limit.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 1_000_000)
                result.AddError("--limit must be 1 to 1000000.");
        });
    }

    /// <summary><c>results</c>: scored readings from WindDataTable.</summary>
    public static ResultCommand Results() => new("results", "Scored readings of a location (WindDataTable) as CSV.", "/results",
        [("time", "time"), ("location", "location"), ("turbine", "turbine"), ("speed_mph", "speedMph"), ("score", "score"), ("grade", "grade"), ("expected_mph", "expectedSpeedMph")]);

    /// <summary><c>max-speed</c>: closed windows from MaxWindSpeedTable.</summary>
    public static ResultCommand MaxSpeed() => new("max-speed", "Closed max-speed windows of a location (MaxWindSpeedTable) as CSV.", "/max-speed",
        [("start", "start"), ("end", "end"), ("location", "location"), ("max_speed_mph", "maxSpeedMph"), ("readings", "readingCount")]);

    protected override IReadOnlyList<(string Header, string Property)> Columns => _columns;

    protected override IEnumerable<JsonElement> Items(JsonElement answer) => answer.EnumerateArray();

    /// <summary>Follows <c>next</c> until the range is read or the limit reached; returns the items as one array.</summary>
    protected override async Task<JsonElement> CallAsync(ApiConnection api, ParseResult parsed, CancellationToken cancellationToken)
    {
        var limit = parsed.GetValue(_limit);
        var items = new List<JsonElement>();
        string? next = null;
        do
        {
            var page = await api.GetAsync(_path + Query(
                ("location", parsed.GetRequiredValue(_location)),
                ("from", parsed.GetValue(_from)?.ToString("O")),
                ("to", parsed.GetValue(_to)?.ToString("O")),
                ("limit", Math.Min(1000, limit - items.Count).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("newestFirst", parsed.GetValue(_newestFirst) ? "true" : null),
                ("next", next)), cancellationToken);
            items.AddRange(page.GetProperty("items").EnumerateArray());
            next = page.TryGetProperty("next", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        }
        while (next is not null && items.Count < limit);
        return JsonSerializer.SerializeToElement(items);
    }
}
