using TurbineConsole.Tests.Faults.Chaos;
using Xunit.Abstractions;

namespace TurbineConsole.Tests.Faults;

/// <summary>kill -9 of the app at random moments on the embedded backend, restarting it after each.</summary>
[Collection(FaultCollection.Name)]
public sealed class EmbeddedKillTests(FaultFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Five_kill_9s_at_random_moments_lose_no_reading_count_none_twice_and_the_app_catches_up_after_each()
    {
        output.WriteLine($"seed {fixture.Seed} (TURBINECONSOLE_FAULT_SEED={fixture.Seed} replays these moments)");
        await using var run = await FaultRun.StartEmbeddedAsync(fixture.NewDirectory(), turbinesPerLocation: 3, fixture.Seed);

        var kills = await KillLoop.RunAsync(run.App, 5, new Random(fixture.Seed), TimeSpan.FromSeconds(4), run.CaughtUpAsync, TimeSpan.FromSeconds(60), output.WriteLine);
        await Readiness.AssertHealthyAfterAsync(run.App.Current.BaseUrl, TimeSpan.FromSeconds(30), output.WriteLine);
        var audit = await run.FinishAsync(TimeSpan.FromSeconds(60));

        output.WriteLine(audit.ToString());
        Assert.Equal(5, kills.Count);
        Assert.True(audit.ExactlyOnce, $"seed {fixture.Seed}: {audit}");
        Assert.True(audit.WindowsExpected > 0, "no window closed during the run");
        Assert.False(run.App.Current.HasExited, "the app stopped:\n" + KillLoop.Tail(run.App.Output));
    }
}
