using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Tables;
using TurbineConsole.Simulator.Web.Access;
using TurbineConsole.Simulator.Web.Telemetry;
using TurbineConsole.Tests.Support;
using TurbineConsole.Tests.Web.Support;

namespace TurbineConsole.Tests.Web.Telemetry;

/// <summary>The dashboard's CSV downloads against the running app: the pages' cookie, the View policy, the content.</summary>
[Collection(BrowserCollection.Name)]
public sealed class HistoryExportTests : IAsyncLifetime
{
    private static readonly DateTimeOffset s_from = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private TurbineConsoleWebApp _app = null!;

    public async Task InitializeAsync()
    {
        _app = new TurbineConsoleWebApp();
        await _app.CreateUserAsync("vera", AccessRoles.Viewer);
        var store = _app.Services.GetRequiredService<ITableStore>();
        var names = _app.Services.GetRequiredService<IOptions<PipelineOptions>>().Value.Tables;
        await Eventually.WaitUntilAsync(async () => await store.DescribeTableAsync(names.WindData) is not null && await store.DescribeTableAsync(names.MaxWindSpeed) is not null,
            "the pipeline made its tables");
        await store.PutItemsAsync(names.WindData,
        [
            WindDataItem.From(new AnomalyResult(new WindReading("Chicago", "CHI-01", 12, s_from.AddMinutes(5), 1, "anomaly"), 0.4, 0, null)),
            WindDataItem.From(new AnomalyResult(new WindReading("Chicago", "CHI-01", 97, s_from.AddMinutes(5).AddSeconds(2), 2, "anomaly"), 6.5, 1, 14)),
            WindDataItem.From(new AnomalyResult(new WindReading("Chicago", "=2+5", 30, s_from.AddMinutes(9), 3, "anomaly"), 0.5, 0, null)),
        ]);
        await store.PutItemsAsync(names.MaxWindSpeed, [MaxWindSpeedItem.From(new MaxSpeedWindow("Chicago", 97, s_from.AddMinutes(5), s_from.AddMinutes(6), 2))]);
    }

    [Fact]
    public async Task A_viewer_downloads_the_readings_of_a_range_as_CSV_with_the_spike_and_a_neutralised_turbine_name()
    {
        using var viewer = await _app.NewSignedInClientAsync("vera");

        using var response = await viewer.GetAsync(HistoryExportEndpoints.Url(HistoryExportEndpoints.ReadingsPath, "Chicago", s_from, s_from.AddHours(1)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n");
        Assert.Equal(HistoryCsv.ReadingsHeader, lines[0]);
        Assert.Contains("2026-11-30T12:05:00Z,Chicago,CHI-01,97,6.5,14", lines);
        Assert.Contains("2026-11-30T12:09:00Z,Chicago,'=2+5,30,0.5,", lines);
        Assert.DoesNotContain(lines, l => l.Contains(",12,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_viewer_downloads_the_max_speed_windows_as_a_second_file()
    {
        using var viewer = await _app.NewSignedInClientAsync("vera");

        using var response = await viewer.GetAsync(HistoryExportEndpoints.Url(HistoryExportEndpoints.WindowsPath, "Chicago", s_from, s_from.AddHours(1)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([HistoryCsv.WindowsHeader, "2026-11-30T12:05:00Z,Chicago,97", ""], (await response.Content.ReadAsStringAsync()).Split("\r\n"));
    }

    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_sign_in_and_gets_no_data()
    {
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(_app.BaseUrl) };

        using var response = await anonymous.GetAsync(HistoryExportEndpoints.Url(HistoryExportEndpoints.ReadingsPath, "Chicago", s_from, s_from.AddHours(1)));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/sign-in", response.Headers.Location!.AbsolutePath);
        Assert.DoesNotContain("CHI-01", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("location=Chicago&from=2026-11-30T12:00:00Z&to=noon", "to must be a UTC time")]
    [InlineData("location=Chicago&from=2026-11-30T12:00:00Z&to=2026-11-30T11:00:00Z", "to must be after from")]
    [InlineData("location=Chicago&from=2026-01-01T00:00:00Z&to=2026-11-30T11:00:00Z", "at most 31 days")]
    [InlineData("from=2026-11-30T12:00:00Z&to=2026-11-30T13:00:00Z", "location")]
    public async Task A_bad_request_is_answered_400_naming_the_parameter(string query, string message)
    {
        using var viewer = await _app.NewSignedInClientAsync("vera");

        using var response = await viewer.GetAsync($"{HistoryExportEndpoints.ReadingsPath}?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();
}
