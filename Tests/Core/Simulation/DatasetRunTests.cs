using System.Collections.Concurrent;
using TurbineConsole.Pipeline.Embedded;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Simulation;
using TurbineConsole.Pipeline.Streams;
using TurbineConsole.Tests.Embedded;
using TurbineConsole.Tests.Support;

namespace TurbineConsole.Tests.Core.Simulation;

/// <summary>A dataset run against the embedded stream, with a stream client that throttles or refuses where a test says so.</summary>
public sealed class DatasetRunTests(TempDirectoryFixture directory) : IClassFixture<TempDirectoryFixture>
{
    /// <summary>Five farms of four turbines: one tick is 20 readings.</summary>
    private static readonly DatasetOptions s_shape = new() { Locations = 5, TurbinesPerLocation = 4 };

    private readonly SqliteStreamClient _streams = new(directory.SharedDatabase);

    [Fact]
    public async Task A_run_sends_what_its_rate_makes_due_by_the_clock_reading_by_reading_until_stopped()
    {
        var clock = new ManualTimeProvider();
        var stream = await NewStreamAsync();
        await using var run = new DatasetRun(_streams, WindDataset.Normal, Settings(stream, rate: 100), clock);

        run.Start();
        await WaitUntilAsync(() => run.Sent == 1, "the first reading was sent");
        await Task.Delay(300);
        Assert.Equal(1, run.Sent);
        clock.Advance(TimeSpan.FromSeconds(1));
        await WaitUntilAsync(() => run.Sent == 101, "the readings due after a second were sent");
        await Task.Delay(300);
        Assert.Equal(101, run.Sent);
        await run.StopAsync();

        Assert.Equal(RunStatus.Stopped, run.Status);
        Assert.Null(run.Error);
        Assert.Equal((0L, 0L), (run.Failed, run.Retried));
        var stored = await ReadAllAsync(stream);
        Assert.Equal(101, stored.Count);
        // 100 readings/s over 20 turbines: a tick every 0.2 s of event time, from the clock's start; reading 101 begins the sixth.
        Assert.Equal(clock.GetUtcNow(), stored.Max(r => r.Timestamp));
        Assert.Equal(6, stored.Select(r => r.Timestamp).Distinct().Count());
        Assert.Single(stored, r => r.Timestamp == clock.GetUtcNow());
    }

    [Fact]
    public async Task At_a_low_rate_readings_are_sent_one_at_a_time_as_they_come_due_not_a_tick_at_once()
    {
        var clock = new ManualTimeProvider();
        var stream = await NewStreamAsync();
        // 2 readings/s over 20 turbines: one tick is 10 s of readings.
        await using var run = new DatasetRun(_streams, WindDataset.Normal, Settings(stream, rate: 2), clock);

        run.Start();
        await WaitUntilAsync(() => run.Sent == 1, "the first reading was sent");
        clock.Advance(TimeSpan.FromSeconds(0.5));
        await WaitUntilAsync(() => run.Sent == 2, "the second reading was sent half a second later");
        clock.Advance(TimeSpan.FromSeconds(0.5));
        await WaitUntilAsync(() => run.Sent == 3, "the third reading was sent a second after the first");
        await Task.Delay(300);

        Assert.Equal(3, run.Sent);
        Assert.Equal(3, (await ReadAllAsync(stream)).Count);
    }

    [Fact]
    public async Task The_recent_records_are_the_newest_sent_newest_first_with_where_the_stream_put_them()
    {
        var clock = new ManualTimeProvider();
        var stream = await NewStreamAsync();
        await using var run = new DatasetRun(_streams, WindDataset.Normal, Settings(stream, rate: 100), clock);
        run.Start();
        await WaitUntilAsync(() => run.Sent == 1, "the first reading was sent");

        // Half a second later 51 readings are due: two whole ticks of 20 and 11 of the third.
        clock.Advance(TimeSpan.FromSeconds(0.5));
        await WaitUntilAsync(() => run.Sent == 51, "the due readings were sent");
        var recent = run.Recent();

        // The newest 20 of 51: the 11 of the third tick, after 9 of the second.
        var stored = await ReadAllAsync(stream, withPosition: true);
        var ticks = stored.Select(s => s.Reading.Timestamp).Distinct().Order().ToList();
        Assert.Equal(3, ticks.Count);
        Assert.Equal(DatasetRun.RecentCapacity, recent.Count);
        Assert.Equal(11, recent.Count(r => r.Reading.Timestamp == ticks[2]));
        Assert.Equal(9, recent.Count(r => r.Reading.Timestamp == ticks[1]));
        Assert.Equal(recent.Select(r => r.Reading.Timestamp).OrderDescending(), recent.Select(r => r.Reading.Timestamp));
        Assert.Equal(stored.Where(s => s.Reading.Timestamp == ticks[2]).Select(s => s.Reading.Turbine).Order(),
            recent.Where(r => r.Reading.Timestamp == ticks[2]).Select(r => r.Reading.Turbine).Order());
        Assert.All(recent, r => Assert.Contains((r.Reading, r.ShardId, r.SequenceNumber), stored));
    }

    [Fact]
    public async Task Stop_after_N_sends_exactly_N_readings_and_completes()
    {
        var stream = await NewStreamAsync();
        await using var run = new DatasetRun(_streams, WindDataset.Anomaly, Settings(stream, rate: 10_000, stopAfter: 47));
        var statusesSeen = new ConcurrentQueue<RunStatus>();
        run.Changed += () => statusesSeen.Enqueue(run.Status);

        run.Start();
        await WaitUntilAsync(() => run.Status != RunStatus.Running, "the run ended");

        Assert.Equal(RunStatus.Completed, run.Status);
        Assert.Null(run.Error);
        Assert.Equal(47, run.Sent);
        Assert.Equal(47, (await ReadAllAsync(stream)).Count);
        Assert.Equal(RunStatus.Completed, statusesSeen.Last());
    }

    [Fact]
    public async Task A_stream_that_does_not_exist_fails_the_run_with_a_message_naming_it()
    {
        await using var run = new DatasetRun(_streams, WindDataset.Normal, Settings("NoSuchStream" + Guid.NewGuid().ToString("N")[..8], rate: 100));

        run.Start();
        await WaitUntilAsync(() => run.Status != RunStatus.Running, "the run ended");

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Contains($"Stream {run.Settings.StreamName} does not exist", run.Error);
        Assert.Equal(0, run.Sent);
    }

    [Fact]
    public async Task A_stream_error_stops_the_run_and_shows_the_error_with_its_code()
    {
        var stream = await NewStreamAsync();
        var client = new BreakingAfter(_streams, calls: 2);
        await using var run = new DatasetRun(client, WindDataset.Normal, Settings(stream, rate: 400));

        run.Start();
        await WaitUntilAsync(() => run.Status != RunStatus.Running, "the run ended");
        var calls = client.Calls;
        await Task.Delay(300);

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal("The stream refused the readings (KMSAccessDeniedException): The key is disabled.", run.Error);
        Assert.Equal(calls, client.Calls);
        Assert.Equal(run.Sent, (await ReadAllAsync(stream)).Count);
        Assert.True(run.Sent > 0);
    }

    [Fact]
    public async Task Entries_throttled_once_are_retried_and_counted_as_sent_and_as_retried()
    {
        var stream = await NewStreamAsync();
        await using var run = new DatasetRun(new ThrottlingFirstAttempts(_streams), WindDataset.Normal, Settings(stream, rate: 10_000, stopAfter: 40));

        run.Start();
        await WaitUntilAsync(() => run.Status != RunStatus.Running, "the run ended");

        Assert.Equal(RunStatus.Completed, run.Status);
        Assert.Equal((40L, 0L, 40L), (run.Sent, run.Failed, run.Retried));
        Assert.Equal(40, (await ReadAllAsync(stream)).Count);
    }

    [Fact]
    public async Task Entries_refused_on_every_attempt_are_counted_as_failed_and_the_run_goes_on()
    {
        var stream = await NewStreamAsync();
        await using var run = new DatasetRun(new RefusingLocation(_streams, "Chicago"), WindDataset.Normal, Settings(stream, rate: 10_000, stopAfter: 40));

        run.Start();
        await WaitUntilAsync(() => run.Status != RunStatus.Running, "the run ended", TimeSpan.FromSeconds(30));

        // Two ticks: 8 Chicago readings, each tried 5 times (retried 4 times) and given up; the other 32 stored.
        Assert.Equal(RunStatus.Completed, run.Status);
        Assert.Equal((32L, 8L, 32L), (run.Sent, run.Failed, run.Retried));
        var stored = await ReadAllAsync(stream);
        Assert.Equal(32, stored.Count);
        Assert.DoesNotContain(stored, r => r.Location == "Chicago");
        Assert.DoesNotContain(run.Recent(), r => r.Reading.Location == "Chicago");
    }

    [Fact]
    public async Task A_run_records_its_scripted_faults_from_its_first_readings_time_and_sends_them_there()
    {
        var stream = await NewStreamAsync();
        // 200 readings/s over 20 turbines: a tick every 0.1 s; a fault from 1 s for 1 s covers ticks 10 to 19.
        var stuck = new ScriptedFault
        {
            Kind = FaultKind.StuckSensor,
            Location = "Chicago",
            Turbine = "CHI-02",
            Start = TimeSpan.FromSeconds(1),
            Duration = TimeSpan.FromSeconds(1),
        };
        var settings = Settings(stream, rate: 200, stopAfter: 600) with { Dataset = s_shape with { Faults = [stuck] } };
        await using var run = new DatasetRun(_streams, WindDataset.Normal, settings);
        Assert.Empty(run.GroundTruth);

        run.Start();
        await WaitUntilAsync(() => run.Status != RunStatus.Running, "the run ended");

        var stored = await ReadAllAsync(stream);
        var truth = Assert.Single(run.GroundTruth);
        Assert.Equal((10L, 19L), (truth.FirstSeq, truth.LastSeq));
        // Readings carry their time to the millisecond; the run's first tick is the clock's time.
        Assert.InRange(truth.From - stored.Min(r => r.Timestamp), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1.001));
        var chi02 = stored.Where(r => r.Turbine == "CHI-02").OrderBy(r => r.Seq).ToList();
        Assert.All(chi02.Where(r => r.Seq is >= 10 and <= 19), r => Assert.Equal(chi02[9].SpeedMph, r.SpeedMph));
        Assert.All(chi02.Where(r => r.Seq is >= 10 and <= 19), r => Assert.InRange(r.Timestamp, truth.From.AddMilliseconds(-1), truth.Until));
    }

    [Fact]
    public void A_fault_at_a_location_the_dataset_does_not_have_is_refused_naming_the_field()
    {
        var gust = new ScriptedFault { Kind = FaultKind.GustFront, Location = "Chicago", Start = TimeSpan.Zero, Duration = TimeSpan.FromMinutes(1) };
        var settings = Settings("WindDataStream", rate: 10) with { Dataset = s_shape with { Faults = [gust] } };

        var error = Assert.Throws<ArgumentException>(() => new DatasetRun(_streams, WindDataset.Diy, settings));

        Assert.StartsWith("Fault 1 (gust front): Location must be one of the dataset's: City; \"Chicago\" is not.", error.Message);
    }

    [Fact]
    public void Settings_that_cannot_run_are_refused_with_the_reason()
    {
        var error = Assert.Throws<ArgumentException>(() => new DatasetRun(_streams, WindDataset.Normal, Settings("WindDataStream", rate: 0)));

        Assert.Contains("Readings per second must be 0.1 to 100,000 on this site; 0 is outside that range.", error.Message);
    }

    private static SimulationSettings Settings(string stream, double rate, long? stopAfter = null) =>
        new() { StreamName = stream, ReadingsPerSecond = rate, StopAfter = stopAfter, Dataset = s_shape };

    private async Task<string> NewStreamAsync()
    {
        var name = "Run" + Guid.NewGuid().ToString("N")[..12];
        await _streams.CreateStreamAsync(name, 2);
        return name;
    }

    private async Task<List<WindReading>> ReadAllAsync(string stream) =>
        (await ReadAllAsync(stream, withPosition: true)).Select(r => r.Reading).ToList();

    private async Task<List<(WindReading Reading, string ShardId, string SequenceNumber)>> ReadAllAsync(string stream, bool withPosition)
    {
        var all = new List<(WindReading, string, string)>();
        foreach (var shard in await _streams.ListShardsAsync(stream))
        {
            var iterator = await _streams.GetShardIteratorAsync(stream, shard.ShardId, StartingPosition.TrimHorizon);
            var page = await _streams.GetRecordsAsync(iterator);
            all.AddRange(page.Records.Select(r => (WindReadingCodec.Decode(r.Data), shard.ShardId, r.SequenceNumber)));
        }
        return all;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Timed out waiting until {what}.");
            await Task.Delay(20);
        }
    }

    /// <summary>Stores the first <c>calls</c> puts, then refuses every put with a stream error (as Kinesis does when its key is disabled).</summary>
    private sealed class BreakingAfter(IStreamClient inner, int calls) : DelegatingStreamClient(inner)
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public override Task<PutRecordsResult> PutRecordsAsync(string streamName, IReadOnlyList<PutRecordsEntry> records, CancellationToken cancellationToken = default) =>
            Interlocked.Increment(ref _calls) <= calls
                ? base.PutRecordsAsync(streamName, records, cancellationToken)
                : throw new StreamException("KMSAccessDeniedException", "The key is disabled.");
    }

    /// <summary>Throttles every entry the first time it is put, and stores it the next time.</summary>
    private sealed class ThrottlingFirstAttempts(IStreamClient inner) : DelegatingStreamClient(inner)
    {
        private readonly HashSet<string> _seen = [];

        public override async Task<PutRecordsResult> PutRecordsAsync(string streamName, IReadOnlyList<PutRecordsEntry> records, CancellationToken cancellationToken = default)
        {
            var fresh = records.Select(r => _seen.Add(Convert.ToBase64String(r.Data.Span))).ToList();
            return await PartlyAsync(base.PutRecordsAsync, streamName, records, fresh, "ProvisionedThroughputExceededException", cancellationToken);
        }
    }

    /// <summary>Refuses every entry of one location, every time.</summary>
    private sealed class RefusingLocation(IStreamClient inner, string location) : DelegatingStreamClient(inner)
    {
        public override Task<PutRecordsResult> PutRecordsAsync(string streamName, IReadOnlyList<PutRecordsEntry> records, CancellationToken cancellationToken = default) =>
            PartlyAsync(base.PutRecordsAsync, streamName, records, records.Select(r => r.PartitionKey == location).ToList(), "InternalFailure", cancellationToken);
    }

    /// <summary>Puts the entries not marked in <paramref name="refuse"/> and answers the marked ones with <paramref name="errorCode"/>, in input order.</summary>
    private static async Task<PutRecordsResult> PartlyAsync(Func<string, IReadOnlyList<PutRecordsEntry>, CancellationToken, Task<PutRecordsResult>> put,
        string streamName, IReadOnlyList<PutRecordsEntry> records, IReadOnlyList<bool> refuse, string errorCode, CancellationToken cancellationToken)
    {
        var accepted = records.Where((_, i) => !refuse[i]).ToList();
        var stored = accepted.Count == 0 ? [] : (await put(streamName, accepted, cancellationToken)).Records;
        var answers = new List<PutRecordsResultEntry>(records.Count);
        var next = 0;
        for (var i = 0; i < records.Count; i++)
            answers.Add(refuse[i] ? new PutRecordsResultEntry(null, null, errorCode, "Refused by the test.") : stored[next++]);
        return new PutRecordsResult(answers.Count(a => !a.Succeeded), answers);
    }
}
