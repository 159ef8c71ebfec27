using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using TurbineConsole.Pipeline.Alerts;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Tables;
using TurbineConsole.Simulator.Web.Telemetry;
using TurbineConsole.Tests.Core.Alerts;
using TurbineConsole.Tests.Web.Support;

namespace TurbineConsole.Tests.Web.Telemetry;

[Collection(BrowserCollection.Name)]
public sealed class TelemetryHubTests : IAsyncLifetime
{
    private TurbineConsoleWebApp _app = null!;
    private string _token = "";

    public async Task InitializeAsync()
    {
        _app = new TurbineConsoleWebApp();
        await _app.CreateUserAsync("viewer", Simulator.Web.Access.AccessRoles.Viewer);
        _token = await _app.CreateApiTokenAsync("viewer");
    }

    [Fact]
    public async Task A_client_receives_the_results_pushed_for_the_location_it_follows_and_none_of_another()
    {
        var received = new ConcurrentQueue<(string Location, AnomalyResult[] Results)>();
        await using var connection = _app.NewHubConnection(_token);
        connection.On<string, AnomalyResult[]>(TelemetryHubMethods.AnomalyResults, (location, results) => received.Enqueue((location, results)));
        await connection.StartAsync();
        await connection.InvokeAsync(nameof(TelemetryHub.Follow), "Chicago");

        var tables = _app.Services.GetRequiredService<ITableStore>();
        var now = DateTimeOffset.UtcNow;
        await tables.PutItemsAsync("WindDataTable",
        [
            WindDataItem.From(new AnomalyResult(new WindReading("Tulsa", "TUL-01", 40, now, 1, "test"), 0.9, 0, null)),
            WindDataItem.From(new AnomalyResult(new WindReading("Chicago", "CHI-01", 88, now, 1, "test"), 5.1, 1, 30)),
            WindDataItem.From(new AnomalyResult(new WindReading("Tulsa", "TUL-02", 41, now, 1, "test"), 0.8, 0, null)),
        ]);
        await tables.PutItemsAsync("WindDataTable",
            [WindDataItem.From(new AnomalyResult(new WindReading("Chicago", "CHI-02", 30, now.AddSeconds(1), 2, "test"), 0.7, 0, null))]);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (received.Sum(r => r.Results.Length) < 2 && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        await Task.Delay(600); // anything for Tulsa would have arrived by now (pushes go every 200 ms)

        var all = received.SelectMany(r => r.Results).ToList();
        Assert.All(received, r => Assert.Equal("Chicago", r.Location));
        Assert.Equal(["CHI-01", "CHI-02"], all.Select(r => r.Reading.Turbine).Order().ToArray());
        Assert.Equal(5.1, all.Single(r => r.Reading.Turbine == "CHI-01").Score);
        Assert.DoesNotContain(all, r => r.Reading.Location == "Tulsa");
    }

    [Fact]
    public async Task A_client_receives_the_alert_changes_of_the_location_it_follows_and_none_of_another()
    {
        var received = new ConcurrentQueue<(string Location, Incident Incident)>();
        await using var connection = _app.NewHubConnection(_token);
        connection.On<string, Incident>(TelemetryHubMethods.AlertChanged, (location, incident) => received.Enqueue((location, incident)));
        await connection.StartAsync();
        await connection.InvokeAsync(nameof(TelemetryHub.Follow), "Chicago");

        var alerts = _app.Services.GetRequiredService<AlertService>();
        var now = DateTimeOffset.UtcNow;
        var chicago = TestIncidents.New("Chicago", now);
        await alerts.Store.TryCreateAsync(TestIncidents.New("Tulsa", now));
        await alerts.Store.TryCreateAsync(chicago);
        await alerts.AcknowledgeAsync("Chicago", chicago.Id, "Dana");

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (received.Count < 2 && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        await Task.Delay(300);

        Assert.Equal(2, received.Count);
        Assert.All(received, r => Assert.Equal("Chicago", r.Location));
        Assert.Equal([IncidentState.Open, IncidentState.Acknowledged], received.Select(r => r.Incident.State).ToArray());
        Assert.Equal("Dana", received.Last().Incident.AcknowledgedBy);
    }

    [Fact]
    public async Task Following_without_a_location_is_refused_with_a_message()
    {
        await using var connection = _app.NewHubConnection(_token);
        await connection.StartAsync();

        var error = await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => connection.InvokeAsync(nameof(TelemetryHub.Follow), " "));

        Assert.Contains("location to follow", error.Message);
    }

    [Theory]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("Chicago\r\nX-Forged: 1")]
    public async Task Following_a_name_no_location_can_have_is_refused_naming_the_rule(string location)
    {
        await using var connection = _app.NewHubConnection(_token);
        await connection.StartAsync();

        var error = await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => connection.InvokeAsync(nameof(TelemetryHub.Follow), location));

        Assert.Contains("a location name contains", error.Message);
        Assert.DoesNotContain("<img", error.Message);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();
}
