using TurbineConsole.Pipeline.Alerts;
using TurbineConsole.Pipeline.Embedded;
using TurbineConsole.Pipeline.Runtime;
using TurbineConsole.Pipeline.Tables;
using TurbineConsole.Tests.Support;

namespace TurbineConsole.Tests.Core.Alerts;

/// <summary>The sweep: quiet incidents resolve by themselves, resolved ones are deleted after the retention.</summary>
public sealed class AlertSweepTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "turbineconsole-sweep-" + Guid.NewGuid().ToString("N"));
    private readonly AlertOptions _options = new() { QuietPeriod = TimeSpan.FromMinutes(15), Retention = TimeSpan.FromDays(30) };
    private readonly ManualTimeProvider _time = new();
    private PipelineBackend _backend = null!;
    private ScanCountingTableStore _tables = null!;
    private AlertStore _store = null!;
    private AlertService _service = null!;

    public async Task InitializeAsync()
    {
        _backend = EmbeddedBackend.Open(Path.Combine(_directory, "db.sqlite"));
        _tables = new ScanCountingTableStore(_backend.Tables);
        _store = new AlertStore(_tables, _options.Table);
        await _store.EnsureTableAsync();
        _service = new AlertService(_store, _options, _time);
    }

    [Fact]
    public async Task An_incident_whose_location_stays_quiet_for_the_quiet_period_is_resolved_by_the_system()
    {
        var incident = await CreateAsync("Chicago");

        _time.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal((0, 0), await _service.SweepAsync());
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal((1, 0), await _service.SweepAsync());

        var stored = await _store.GetAsync(incident.Location, incident.Id);
        Assert.Equal(IncidentState.Resolved, stored!.State);
        Assert.Equal(AlertService.System, stored.ResolvedBy);
    }

    [Fact]
    public async Task Resolved_incidents_are_deleted_once_the_retention_has_passed_since_their_resolution()
    {
        var old = await CreateAsync("Chicago");
        await _service.ResolveAsync(old.Location, old.Id, "maria");
        _time.Advance(TimeSpan.FromDays(20));
        var recent = await CreateAsync("Denver");
        await _service.ResolveAsync(recent.Location, recent.Id, "maria");
        _time.Advance(TimeSpan.FromDays(10) - TimeSpan.FromMinutes(1));
        var active = await CreateAsync("Boston");

        Assert.Equal((0, 0), await _service.SweepAsync());
        _time.Advance(AlertService.FullPassInterval);
        Assert.Equal((1, 1), await _service.SweepAsync());

        Assert.Null(await _store.GetAsync(old.Location, old.Id));
        Assert.Equal(["Boston", "Denver"], (await _store.ListAsync()).Select(i => i.Location).Order());
    }

    [Fact]
    public async Task Between_full_passes_the_sweep_resolves_quiet_incidents_without_reading_the_whole_table()
    {
        Assert.Equal((0, 0), await _service.SweepAsync());
        Assert.Equal(1, _tables.Scans);
        var incident = await CreateAsync("Chicago");

        for (var i = 0; i < 30; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(30));
            await _service.SweepAsync();
        }

        Assert.Equal(1, _tables.Scans);
        Assert.Equal(IncidentState.Resolved, (await _store.GetAsync(incident.Location, incident.Id))!.State);
    }

    [Fact]
    public async Task An_incident_written_by_another_process_is_found_by_the_next_full_pass()
    {
        await _service.SweepAsync();
        var elsewhere = new AlertStore(_backend.Tables, _options.Table);
        var incident = TestIncidents.New("Tulsa", _time.GetUtcNow());
        Assert.True(await elsewhere.TryCreateAsync(incident));

        _time.Advance(AlertService.FullPassInterval);
        Assert.Equal((1, 0), await _service.SweepAsync());

        Assert.Equal(IncidentState.Resolved, (await _store.GetAsync(incident.Location, incident.Id))!.State);
    }

    [Fact]
    public void A_retention_under_a_day_is_refused_naming_the_setting()
    {
        var errors = AlertOptionsValidator.Errors(new AlertOptions { Retention = TimeSpan.FromHours(2) }).ToList();

        Assert.Contains(errors, e => e.StartsWith("Alerts:Retention must be at least 1.00:00:00", StringComparison.Ordinal));
    }

    private async Task<Incident> CreateAsync(string location)
    {
        var incident = TestIncidents.New(location, _time.GetUtcNow());
        Assert.True(await _store.TryCreateAsync(incident));
        return incident;
    }

    /// <summary>Counts the scans begun (first pages).</summary>
    private sealed class ScanCountingTableStore(ITableStore inner) : DelegatingTableStore(inner)
    {
        private int _scans;

        public int Scans => _scans;

        public override Task<ItemPage> ScanAsync(string tableName, int limit = 100, ItemKey? exclusiveStartKey = null, CancellationToken cancellationToken = default)
        {
            if (exclusiveStartKey is null)
                Interlocked.Increment(ref _scans);
            return base.ScanAsync(tableName, limit, exclusiveStartKey, cancellationToken);
        }
    }

    public async Task DisposeAsync()
    {
        await _backend.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
