using TurbineConsole.Pipeline.Embedded;
using TurbineConsole.Pipeline.Simulation;
using TurbineConsole.Pipeline.Streams;
using TurbineConsole.Tests.Embedded;
using TurbineConsole.Tests.Support;

namespace TurbineConsole.Tests.Core.Simulation;

/// <summary>Simulator runs that outlast a restart: saved in a table as they go, resumed (or shown as interrupted) at the next start.</summary>
public sealed class RunJournalTests(TempDirectoryFixture directory) : IClassFixture<TempDirectoryFixture>
{
    private readonly SqliteStreamClient _streams = new(directory.SharedDatabase);
    private readonly SqliteTableStore _tables = new(directory.SharedDatabase);

    [Fact]
    public async Task A_run_going_when_the_app_stops_resumes_at_the_next_start_and_sends_exactly_what_was_left()
    {
        var stream = await NewStreamAsync();
        var journal = await NewJournalAsync();
        var settings = Settings(stream, rate: 400, stopAfter: 2_000);
        long sentBeforeStop;
        await using (var first = new WindSimulator(_streams, journal: journal))
        {
            var run = await first.StartAsync(WindDataset.Anomaly, settings);
            await Eventually.WaitUntilAsync(() => run.Sent >= 300, "the first part of the run sends");
            await first.DisposeAsync();
            sentBeforeStop = run.Sent;
            Assert.Equal(RunStatus.Running, run.Status);
        }

        Assert.InRange(sentBeforeStop, 300, 1_999);
        await using var second = new WindSimulator(_streams, journal: journal);
        await second.ResumeAsync();
        var resumed = second.RunOf(WindDataset.Anomaly)!;

        Assert.Equal(sentBeforeStop, resumed.ResumedAfter);
        await Eventually.WaitUntilAsync(() => resumed.Status == RunStatus.Completed, "the resumed run completes", TimeSpan.FromSeconds(30));
        Assert.Equal(2_000, resumed.Sent);
        Assert.Equal(2_000, await CountAsync(stream));
        Assert.Equal(RunStatus.Completed, Assert.Single(await journal.ListAsync()).Status);
    }

    [Fact]
    public async Task With_ResumeRuns_off_an_interrupted_run_shows_its_counts_and_why_and_sends_nothing_more()
    {
        var stream = await NewStreamAsync();
        var journal = await NewJournalAsync();
        long sent;
        await using (var first = new WindSimulator(_streams, journal: journal))
        {
            var run = await first.StartAsync(WindDataset.Normal, Settings(stream, rate: 200, stopAfter: null));
            await Eventually.WaitUntilAsync(() => run.Sent >= 100, "the run sends");
            await first.DisposeAsync();
            sent = run.Sent;
        }

        await using var second = new WindSimulator(_streams, limits: new SimulatorOptions { ResumeRuns = false }, journal: journal);
        await second.ResumeAsync();
        var interrupted = second.RunOf(WindDataset.Normal)!;

        Assert.Equal(RunStatus.Interrupted, interrupted.Status);
        Assert.Equal(sent, interrupted.Sent);
        Assert.Contains("this site does not resume runs after a restart", interrupted.Error);
        await Task.Delay(300);
        Assert.Equal(sent, await CountAsync(stream));
        Assert.Equal(RunStatus.Interrupted, Assert.Single(await journal.ListAsync()).Status);
    }

    [Fact]
    public async Task A_run_the_user_stopped_is_not_resumed()
    {
        var stream = await NewStreamAsync();
        var journal = await NewJournalAsync();
        await using (var first = new WindSimulator(_streams, journal: journal))
        {
            var run = await first.StartAsync(WindDataset.Diy, Settings(stream, rate: 100, stopAfter: null));
            await Eventually.WaitUntilAsync(() => run.Sent > 0, "the run sends");
            await first.StopAsync(WindDataset.Diy);
        }

        await using var second = new WindSimulator(_streams, journal: journal);
        await second.ResumeAsync();

        Assert.Null(second.RunOf(WindDataset.Diy));
        Assert.Equal(RunStatus.Stopped, Assert.Single(await journal.ListAsync()).Status);
    }

    [Fact]
    public async Task A_runs_scripted_faults_and_daily_profile_are_saved_and_read_back_as_they_were()
    {
        var journal = await NewJournalAsync();
        var faults = new ScriptedFault[]
        {
            new() { Kind = FaultKind.DriftingSensor, Location = "Amarillo", Turbine = "AMA-02", Start = TimeSpan.FromSeconds(90), Duration = TimeSpan.FromSeconds(45), DriftMphPerMinute = -1.5 },
            new() { Kind = FaultKind.GustFront, Location = "Chicago", Start = TimeSpan.FromSeconds(30), Duration = TimeSpan.FromSeconds(60), GustMph = 35, DelayPerTurbine = TimeSpan.FromSeconds(4) },
        };
        var profile = new DailyWindProfile { AmplitudeMph = 6, PeakHourUtc = 14.5 };
        var settings = Settings("WindDataStream", rate: 50, stopAfter: null) with { Dataset = Settings("x", 1, null).Dataset with { Faults = faults, DailyProfile = profile } };
        await using var run = new DatasetRun(_streams, WindDataset.Normal, settings);

        await journal.SaveAsync(run);

        var saved = Assert.Single(await journal.ListAsync());
        Assert.Equal(faults, saved.Settings.Dataset.Faults);
        Assert.Equal(profile, saved.Settings.Dataset.DailyProfile);
    }

    private static SimulationSettings Settings(string stream, double rate, long? stopAfter) =>
        new() { StreamName = stream, ReadingsPerSecond = rate, StopAfter = stopAfter, Dataset = new DatasetOptions { Locations = 2, TurbinesPerLocation = 2 } };

    private async Task<RunJournal> NewJournalAsync()
    {
        var journal = new RunJournal(_tables, "Runs" + Guid.NewGuid().ToString("N")[..12]);
        await journal.EnsureTableAsync();
        return journal;
    }

    private Task<string> NewStreamAsync() => SimulatorStreams.NewAsync(_streams);

    private Task<int> CountAsync(string stream) => SimulatorStreams.CountAsync(_streams, stream);
}
