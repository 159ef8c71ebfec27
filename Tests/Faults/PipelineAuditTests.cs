using TurbineConsole.Pipeline.Embedded;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Runtime;
using TurbineConsole.Pipeline.Tables;
using TurbineConsole.Tests.Faults.Chaos;

namespace TurbineConsole.Tests.Faults;

/// <summary>The fault suite's audit finds what it is there to find: a lost reading, a reading counted twice in its window, a window missing.</summary>
public sealed class PipelineAuditTests : IAsyncLifetime
{
    private static readonly DateTimeOffset s_start = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "turbineconsole-audit-" + Guid.NewGuid().ToString("N"));
    private PipelineBackend _backend = null!;

    /// <summary>Two readings of one turbine in the first 2 s window, one in the second, one in the third (which closes the first two).</summary>
    private static readonly WindReading[] s_readings =
    [
        new("Audit", "Audit-T01", 10.5, s_start, 0, "chaos"),
        new("Audit", "Audit-T01", 12.25, s_start.AddSeconds(1), 1, "chaos"),
        new("Audit", "Audit-T01", 8, s_start.AddSeconds(2), 2, "chaos"),
        new("Audit", "Audit-T01", 9, s_start.AddSeconds(5), 3, "chaos"),
    ];

    public async Task InitializeAsync()
    {
        var options = FaultSettings.Options(_directory);
        _backend = EmbeddedBackend.Open(options.DatabasePath);
        await using var pipeline = new TurbinePipeline(_backend, options);
        await pipeline.EnsureResourcesAsync();
    }

    public async Task DisposeAsync()
    {
        await _backend.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Tables_holding_every_reading_once_and_the_closed_windows_pass()
    {
        await PutReadingsAsync(s_readings);
        await PutWindowAsync(0, 12.25, 2);
        await PutWindowAsync(2, 8, 1);

        var audit = await AuditAsync();

        Assert.True(audit.ExactlyOnce, audit.ToString());
        Assert.Equal(2, audit.WindowsExpected);
    }

    [Fact]
    public async Task A_reading_missing_from_WindDataTable_is_lost()
    {
        await PutReadingsAsync(s_readings.Skip(1));
        await PutWindowAsync(0, 12.25, 2);
        await PutWindowAsync(2, 8, 1);

        var audit = await AuditAsync();

        Assert.False(audit.ExactlyOnce);
        Assert.Equal(1, audit.Lost);
        Assert.Contains(audit.Problems, p => p.Contains("Audit-T01#0 is missing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_reading_counted_twice_in_its_window_is_duplicated_and_a_window_not_written_is_missing()
    {
        await PutReadingsAsync(s_readings);
        await PutWindowAsync(0, 12.25, 3);

        var audit = await AuditAsync();

        Assert.False(audit.ExactlyOnce);
        Assert.Equal((1, 1, 1L, 1L), (audit.WindowsWrong, audit.WindowsMissing, audit.WindowReadingsExtra, audit.WindowReadingsMissing));
        Assert.Equal(1, audit.DuplicatedAnywhere);
    }

    private Task<AuditResult> AuditAsync() =>
        PipelineAudit.RunAsync(_backend.Tables, "WindDataTable", "MaxWindSpeedTable", s_readings, FaultSettings.Window, FaultSettings.AllowedLateness);

    private Task PutReadingsAsync(IEnumerable<WindReading> readings) =>
        _backend.Tables.PutItemsAsync("WindDataTable", readings.Select(r => WindDataItem.From(new AnomalyResult(r, 0, 0, null))).ToList());

    private Task PutWindowAsync(int startSecond, double max, long count) =>
        _backend.Tables.PutItemAsync("MaxWindSpeedTable",
            MaxWindSpeedItem.From(new MaxSpeedWindow("Audit", max, s_start.AddSeconds(startSecond), s_start.AddSeconds(startSecond + 2), count)));
}
