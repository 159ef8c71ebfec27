using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Tables;
using TurbineConsole.Simulator.Web.Access;

namespace TurbineConsole.Simulator.Web.Telemetry;

/// <summary>
/// The dashboard's CSV downloads: what its charts show for a location and range. Endpoints of the pages (the sign-in
/// cookie, the View policy), not of the token-only API; GET only, they change nothing.
/// </summary>
public static class HistoryExportEndpoints
{
    /// <summary>The readings' download: per turbine and bucket, speed and score.</summary>
    public const string ReadingsPath = "/export/readings.csv";

    /// <summary>The max-speed windows' download.</summary>
    public const string WindowsPath = "/export/windows.csv";

    /// <summary>The longest range one download covers.</summary>
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(31);

    /// <summary>The address of a download for a location and range, as the dashboard links it.</summary>
    public static string Url(string path, string location, DateTimeOffset from, DateTimeOffset to) =>
        $"{path}?location={Uri.EscapeDataString(location)}&from={Uri.EscapeDataString(Iso(from))}&to={Uri.EscapeDataString(Iso(to))}";

    /// <summary>Maps the downloads.</summary>
    public static IEndpointRouteBuilder MapTurbineConsoleHistoryExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(ReadingsPath, (string? location, string? from, string? to, TelemetryHistory history, CancellationToken cancellationToken) =>
            ExportAsync(location, from, to, history, HistoryCsv.Readings, "readings", cancellationToken)).RequireAuthorization(AccessPolicies.View);
        endpoints.MapGet(WindowsPath, (string? location, string? from, string? to, TelemetryHistory history, CancellationToken cancellationToken) =>
            ExportAsync(location, from, to, history, HistoryCsv.Windows, "max-speed", cancellationToken)).RequireAuthorization(AccessPolicies.View);
        return endpoints;
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportAsync(
        string? location, string? from, string? to, TelemetryHistory history, Func<HistoryRange, string> write, string what, CancellationToken cancellationToken)
    {
        if (SiteNames.Problem(location) is { } problem)
            return Invalid($"location {problem}.");
        if (Parse(from) is not { } start)
            return Invalid($"from must be a UTC time such as 2026-11-30T12:00:00Z; it is \"{from}\".");
        if (Parse(to) is not { } end)
            return Invalid($"to must be a UTC time such as 2026-11-30T12:00:00Z; it is \"{to}\".");
        if (end <= start)
            return Invalid("to must be after from.");
        if (end - start > MaxRange)
            return Invalid($"The range may be at most {MaxRange.TotalDays:0} days; it is {(end - start).TotalDays:0.#} days.");
        try
        {
            var range = await history.RangeAsync(location!, start, end, cancellationToken: cancellationToken);
            // The file name goes into a header and a download folder: the location's letters and digits only.
            var safe = string.Concat(location!.Select(c => char.IsLetterOrDigit(c) ? c : '-'));
            var name = $"{safe}-{what}-{start.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}-{end.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}.csv";
            return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(write(range)), "text/csv; charset=utf-8", name);
        }
        catch (TableNotFoundException)
        {
            return TypedResults.Problem("There are no tables yet: the pipeline creates them at start.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static DateTimeOffset? Parse(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time) ? time : null;

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static ProblemHttpResult Invalid(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest);
}
