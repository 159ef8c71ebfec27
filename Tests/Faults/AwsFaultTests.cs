using TurbineConsole.Tests.Faults.Chaos;
using Xunit.Abstractions;

namespace TurbineConsole.Tests.Faults;

/// <summary>
/// The AWS backend on kinesalite and dynalite (keeping its data on disk with <c>--path</c>): the app killed at random
/// moments, and DynamoDB down for 30 s while the app runs.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class AwsFaultTests(FaultFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Two_kill_9s_of_the_app_on_kinesalite_and_dynalite_lose_no_reading_and_count_none_twice()
    {
        output.WriteLine($"seed {fixture.Seed} (TURBINECONSOLE_FAULT_SEED={fixture.Seed} replays these moments)");
        var directory = fixture.NewDirectory();
        using var servers = await LocalAwsProcesses.StartAsync(directory);
        await using var run = await FaultRun.StartAwsAsync(servers.KinesisUrl, servers.DynamoDbUrl, directory, turbinesPerLocation: 2, fixture.Seed, FaultFixture.AwsEnvironment);

        // Only the app is killed: the servers keep running.
        var kills = await KillLoop.RunAsync(run.App, 2, new Random(fixture.Seed), TimeSpan.FromSeconds(4), run.CaughtUpAsync, TimeSpan.FromSeconds(90), output.WriteLine);
        await Readiness.AssertHealthyAfterAsync(run.App.Current.BaseUrl, TimeSpan.FromSeconds(30), output.WriteLine);
        var audit = await run.FinishAsync(TimeSpan.FromSeconds(90));

        output.WriteLine(audit.ToString());
        Assert.Equal(2, kills.Count);
        Assert.True(audit.ExactlyOnce, $"seed {fixture.Seed}: {audit}");
        Assert.True(audit.WindowsExpected > 0, "no window closed during the run");
        Assert.False(run.App.Current.HasExited, "the app stopped:\n" + KillLoop.Tail(run.App.Output));
    }

    [Fact]
    public async Task DynamoDB_down_for_30_s_then_back_with_its_data_loses_nothing_and_the_app_catches_up_without_a_restart()
    {
        var directory = fixture.NewDirectory();
        using var servers = await LocalAwsProcesses.StartAsync(directory);
        await using var run = await FaultRun.StartAwsAsync(servers.KinesisUrl, servers.DynamoDbUrl, directory, turbinesPerLocation: 2, fixture.Seed, FaultFixture.AwsEnvironment);
        var app = run.App.Current;

        await Readiness.AssertUnhealthyDuringAsync(app.BaseUrl, async () =>
        {
            servers.KillDynalite();
            output.WriteLine($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} dynalite killed");
            await Task.Delay(TimeSpan.FromSeconds(30));
            await servers.StartDynaliteAsync();
            output.WriteLine($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} dynalite back on the same port and data");
        }, output.WriteLine);
        var back = DateTimeOffset.UtcNow;
        var recovered = await run.WaitUntilCaughtUpAsync(back, TimeSpan.FromSeconds(90));
        output.WriteLine($"caught up {recovered.TotalSeconds:F1} s after dynalite came back");
        foreach (var line in run.StateChanges())
            output.WriteLine(line);
        await Readiness.AssertHealthyAfterAsync(app.BaseUrl, TimeSpan.FromSeconds(30), output.WriteLine);
        var audit = await run.FinishAsync(TimeSpan.FromSeconds(90));

        output.WriteLine(audit.ToString());
        Assert.True(audit.ExactlyOnce, audit.ToString());
        Assert.Same(app, run.App.Current);
        Assert.False(app.HasExited, "the app stopped:\n" + KillLoop.Tail(app.Output));
        // The outage was real for the app: its consumers failed while dynalite was down, and said when they recovered.
        Assert.Contains(" is failing on ", app.Output, StringComparison.Ordinal);
        Assert.Contains(" recovered on ", app.Output, StringComparison.Ordinal);
    }
}
