using TurbineConsole.Pipeline.Embedded;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Replay;
using TurbineConsole.Pipeline.Runtime;
using TurbineConsole.Pipeline.Simulation;
using TurbineConsole.Pipeline.Streams;
using TurbineConsole.Tests.Support;

namespace TurbineConsole.Tests.Core.Replay;

/// <summary>Replays into a real embedded stream.</summary>
public sealed class ReplayRunTests : IAsyncLifetime
{
    private const string Stream = "WindDataStream";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "turbineconsole-replay-" + Guid.NewGuid().ToString("N"));
    private PipelineBackend _backend = null!;

    public async Task InitializeAsync()
    {
        _backend = EmbeddedBackend.Open(Path.Combine(_directory, "db.sqlite"));
        await _backend.Streams.CreateStreamAsync(Stream, 1);
    }

    [Fact]
    public async Task A_backfill_sends_every_reading_once_in_time_order_keeping_recorded_times()
    {
        var recording = Recording(1200, TimeSpan.FromMinutes(1));
        await using var run = new ReplayRun(_backend.Streams, recording, new ReplaySettings { StreamName = Stream, Pace = ReplayPace.Backfill, ShiftToNow = false });

        run.Start();
        await Eventually.WaitUntilAsync(() => run.Status == ReplayStatus.Completed, "the backfill completed");

        Assert.Equal((1200L, 0L, 1.0), (run.Sent, run.Failed, run.Progress));
        var sent = await ReadAsync();
        Assert.Equal(recording.Readings.Select(r => (r.Timestamp, r.SpeedMph)), sent.Select(r => (r.Timestamp, r.SpeedMph)));
    }

    [Fact]
    public async Task At_ten_times_the_recorded_pace_with_times_shifted_readings_leave_when_due_stamped_as_sent()
    {
        var recording = Recording(21, TimeSpan.FromSeconds(1)); // 20 s recorded: 2 s at 10x
        await using var run = new ReplayRun(_backend.Streams, recording, new ReplaySettings { StreamName = Stream, Pace = ReplayPace.Faster, Speedup = 10 });
        var started = DateTimeOffset.UtcNow;

        run.Start();
        await Eventually.WaitUntilAsync(() => run.Sent >= 5, "the first readings were sent");
        var early = run.Sent;
        await Eventually.WaitUntilAsync(() => run.Status == ReplayStatus.Completed, "the replay completed");
        var took = DateTimeOffset.UtcNow - started;

        Assert.InRange(early, 5, 20); // not all at once
        Assert.True(took >= TimeSpan.FromSeconds(1.9), $"20 recorded seconds at 10x took {took}");
        var sent = await ReadAsync();
        Assert.Equal(21, sent.Count);
        Assert.Equal(TimeSpan.FromSeconds(2), sent[^1].Timestamp - sent[0].Timestamp); // the recorded spacing, ten times shorter
        Assert.InRange(sent[0].Timestamp, started.AddSeconds(-1), started.AddSeconds(1));
    }

    [Fact]
    public async Task A_paused_replay_sends_nothing_until_resumed_and_a_stopped_one_stops()
    {
        var recording = Recording(600, TimeSpan.FromSeconds(1));
        await using var run = new ReplayRun(_backend.Streams, recording, new ReplaySettings { StreamName = Stream, Pace = ReplayPace.Faster, Speedup = 20 });
        run.Start();
        await Eventually.WaitUntilAsync(() => run.Sent >= 20, "some readings were sent");

        run.Pause();
        await Task.Delay(300);
        var atPause = run.Sent;
        await Task.Delay(700);
        Assert.Equal((ReplayStatus.Paused, atPause), (run.Status, run.Sent));

        run.Resume();
        await Eventually.WaitUntilAsync(() => run.Sent > atPause + 10, "it went on");
        await run.StopAsync();
        Assert.Equal(ReplayStatus.Stopped, run.Status);
        Assert.InRange(run.Sent, atPause + 10, 599);
    }

    [Fact]
    public async Task A_replay_into_a_stream_that_does_not_exist_fails_saying_so()
    {
        await using var run = new ReplayRun(_backend.Streams, Recording(3, TimeSpan.FromSeconds(1)), new ReplaySettings { StreamName = "Nowhere", Pace = ReplayPace.Backfill });

        run.Start();
        await Eventually.WaitUntilAsync(() => run.Status == ReplayStatus.Failed, "the replay failed");

        Assert.Equal("Stream Nowhere does not exist; the replay stopped.", run.Error);
    }

    [Theory]
    [InlineData(ReplayPace.Faster, 1, "Times faster must be more than 1 and at most 10,000; it is 1.")]
    [InlineData(ReplayPace.Faster, 20_000, "Times faster must be more than 1 and at most 10,000; it is 20000.")]
    [InlineData((ReplayPace)7, 2, "The pace must be Recorded, Faster or Backfill; it is 7.")]
    public async Task Bad_settings_are_refused_by_the_replayer_with_the_value(ReplayPace pace, double speedup, string message)
    {
        await using var replayer = new Replayer(_backend.Streams, new SimulatorOptions());
        var recording = replayer.Import("x.csv", new StringReader("time,speed\n2026-11-01T10:00:00Z,3\n"), new ColumnMapping { TimeColumn = "time", SpeedColumn = "speed", FixedTurbine = "T1", FixedLocation = "L" }).Recording!;

        var error = await Assert.ThrowsAsync<ArgumentException>(() => replayer.StartAsync(recording.Id, new ReplaySettings { StreamName = Stream, Pace = pace, Speedup = speedup }));

        Assert.StartsWith(message, error.Message);
        Assert.Null(replayer.RunOf(recording.Id));
    }

    private static Recording Recording(int count, TimeSpan spacing)
    {
        var start = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);
        return new Recording("r1", "test.csv", Enumerable.Range(0, count).Select(i => new WindReading("Lab", "LAB-01", 10 + (i % 50), start + (spacing * i), i + 2, "replay")).ToList());
    }

    private async Task<List<WindReading>> ReadAsync() =>
        (await StreamContents.ReadAllAsync(_backend.Streams, Stream)).Select(r => WindReadingCodec.Decode(r.Data)).ToList();

    public async Task DisposeAsync()
    {
        await _backend.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
