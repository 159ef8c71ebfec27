using Microsoft.Extensions.Diagnostics.HealthChecks;
using TurbineConsole.Pipeline.Health;
using TurbineConsole.Pipeline.Runtime;
using TurbineConsole.Simulator.Web.Operations;

namespace TurbineConsole.Tests.Web.Operations;

public sealed class PipelineViewTests
{
    private static readonly DateTimeOffset s_now = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Throughput_is_the_records_read_between_two_looks_per_second()
    {
        var view = new PipelineView(new HealthOptions());
        var jobs = new HashSet<string> { "AnomalyDetection" };
        var shard = new ConsumerStatus("AnomalyDetection", "WindDataStream", "shardId-000000000000") { RecordsIn = 1000, LastProgressAt = s_now };

        var first = Assert.Single(view.Look([shard], jobs, s_now));
        var second = Assert.Single(view.Look([shard with { RecordsIn = 3500, LastProgressAt = s_now.AddSeconds(2) }], jobs, s_now.AddSeconds(2)));

        Assert.Null(first.RecordsPerSecond);
        Assert.Equal(1250, second.RecordsPerSecond);
        Assert.Equal("job", second.Kind);
        Assert.Equal(HealthStatus.Healthy, second.Health);
    }

    [Fact]
    public void A_failing_shard_is_shown_unhealthy_with_what_the_readiness_rules_say()
    {
        var view = new PipelineView(new HealthOptions { FailingAfter = TimeSpan.Zero });
        var failing = new ConsumerStatus("DIYFunction", "MaxWindSpeed", "shardId-000000000001")
        {
            LastProgressAt = s_now,
            ConsecutiveFailures = 2,
            FailingSince = s_now.AddSeconds(-12),
            LastError = "database is locked",
        };

        var row = Assert.Single(view.Look([failing], new HashSet<string>(), s_now));

        Assert.Equal(("function", HealthStatus.Unhealthy), (row.Kind, row.Health));
        Assert.Equal("DIYFunction shardId-000000000001: failing for 12 s (2 attempts): database is locked", row.HealthText);
    }

    [Theory]
    [InlineData(0, "caught up")]
    [InlineData(134_000, "2 min 14 s behind")]
    [InlineData(800, "800 ms behind")]
    public void Lag_reads_in_words(long milliseconds, string expected) => Assert.Equal(expected, PipelineView.Lag(milliseconds));

    [Fact]
    public void Sizes_times_and_rates_read_as_an_operator_says_them()
    {
        Assert.Equal("-", PipelineView.Size(null));
        Assert.Equal("512 B", PipelineView.Size(512));
        Assert.Equal("327.9 KB", PipelineView.Size(327_941));
        Assert.Equal("12.4 MB", PipelineView.Size(12_400_000));
        Assert.Equal("never", PipelineView.Ago(null, s_now));
        Assert.EndsWith(", 3 min 5 s ago", PipelineView.Ago(s_now.AddSeconds(-185), s_now));
        Assert.Equal("-", PipelineView.Rate(null));
        Assert.Equal("1,250.0/s", PipelineView.Rate(1250));
    }
}
