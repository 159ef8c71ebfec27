using TurbineConsole.Pipeline.Checkpoints;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Runtime;
using TurbineConsole.Pipeline.Simulation;
using TurbineConsole.Pipeline.Streams;
using TurbineConsole.Pipeline.Tables;
using TurbineConsole.Tests.Support;

namespace TurbineConsole.Tests.Core.Runtime;

/// <summary>
/// WindDataStream split and merged while the flow runs on the embedded backend: every reading stored once, each location's
/// readings seen in order by both jobs, and forests and open windows carried from parent to child shards, so that scores
/// and windows are those of an uninterrupted run over the same records (on the embedded backend, in one process). A
/// subclass runs the same tests on another backend.
/// </summary>
public class ReshardingTests(ReshardingTests.UninterruptedRun reference) : IClassFixture<ReshardingTests.UninterruptedRun>
{
    /// <summary>Ticks of the anomaly dataset; eight locations of two turbines give one reading each per tick.</summary>
    private const int Ticks = 1200;

    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(90);

    /// <summary>How long a wait for items may take on the backend under test.</summary>
    protected virtual TimeSpan WaitTimeout => s_wait;

    /// <summary>A flow of two shards per stream on the backend under test, with <paramref name="configure"/>'s settings.</summary>
    internal virtual PipelineFixture CreateFixture(Action<Pipeline.Configuration.PipelineOptions> configure) => PipelineFixture.Create(configure);

    [Fact]
    public async Task WindDataStream_going_from_2_to_4_shards_and_back_to_2_mid_run_loses_nothing_keeps_order_and_keeps_state()
    {
        var dataset = reference.Dataset;
        var locations = reference.Locations;
        await using var fixture = Fixture();
        await fixture.OpenAsync();
        var streams = fixture.Backend!.Streams;
        var windData = fixture.Options.Streams.WindData;
        var parts = dataset.Chunk((dataset.Count / 3) + 1).ToList();

        await fixture.PutReadingsAsync(parts[0].Select(r => r.Reading));
        await fixture.StartAsync();
        await fixture.WaitForItemsAsync(fixture.Options.Tables.WindData, locations, parts[0].Length / 2, WaitTimeout);
        var up = await streams.UpdateShardCountAsync(windData, 4);
        await fixture.PutReadingsAsync(parts[1].Select(r => r.Reading));
        await fixture.WaitForItemsAsync(fixture.Options.Tables.WindData, locations, parts[0].Length + (parts[1].Length / 2), WaitTimeout);
        var down = await streams.UpdateShardCountAsync(windData, 2);
        await fixture.PutReadingsAsync(parts[2].Select(r => r.Reading));
        await fixture.WaitForItemsAsync(fixture.Options.Tables.WindData, locations, dataset.Count, WaitTimeout);
        var windows = await fixture.WaitForItemsAsync(fixture.Options.Tables.MaxWindSpeed, locations, reference.Windows.Count, WaitTimeout);
        await Task.Delay(300); // anything extra (a duplicate) would arrive now
        var items = await fixture.ReadAllAsync(fixture.Options.Tables.WindData, locations);

        Assert.Equal((2, 4, 4, 2), (up.CurrentShardCount, up.TargetShardCount, down.CurrentShardCount, down.TargetShardCount));
        var shards = await streams.ListShardsAsync(windData);
        Assert.Equal((8, 2), (shards.Count, shards.Count(s => s.IsOpen)));
        Assert.Equal(4, shards.Count(s => s.ParentShardId == shards[0].ShardId || s.ParentShardId == shards[1].ShardId));
        Assert.All(shards.Where(s => s.IsOpen), s => Assert.NotNull(s.AdjacentParentShardId));

        // Every reading in WindDataTable exactly once, scored as by the uninterrupted run.
        Assert.Equal(dataset.Count, items.Count);
        Assert.Equal(reference.Scores, Scores(items));

        // Each location's readings reached AnomalyDetection in put order (its output has one result per reading, put as
        // it processed them), and CalculateMaxSpeed found none late (nothing dead-lettered).
        var seen = (await StreamContents.ReadAllAsync(streams, fixture.Options.Streams.AnomalyDetection)).Select(r => AnomalyResultCodec.Decode(r.Data).Reading).ToList();
        foreach (var location in locations)
        {
            Assert.Equal(
                dataset.Where(r => r.Reading.Location == location).Select(r => (r.Reading.Turbine, r.Reading.Seq)),
                seen.Where(r => r.Location == location).Select(r => (r.Turbine, r.Seq)));
        }
        Assert.Empty(await DeadLettersOfAsync(fixture));

        // Open windows went from parent to child: every closed window is the uninterrupted run's and a recomputation's.
        Assert.Equal(reference.Windows, Windows(windows));
        var recomputed = TurbinePipelineTests.ClosedWindows(dataset, fixture.Options.MaxSpeed.Window, fixture.Options.MaxSpeed.AllowedLateness);
        Assert.Equal(recomputed.Count, windows.Count);
        Assert.All(Windows(windows), w => Assert.Equal(recomputed[(w.Location, w.WindowStart)], (w.MaxSpeedMph, w.ReadingCount)));

        // Both jobs finished every closed shard (SHARD_END), handed each location over, and now read the two open shards.
        foreach (var job in new[] { "AnomalyDetection", "CalculateMaxSpeed" })
        {
            foreach (var shard in shards.Where(s => !s.IsOpen))
                Assert.True((await fixture.Backend.Checkpoints.LoadAsync(job, windData, shard.ShardId))?.IsShardEnd, $"{job} finished {shard.ShardId}");
            foreach (var location in locations)
                Assert.NotNull(await fixture.Backend.Checkpoints.LoadAsync(job + ".keys", windData, location));
        }
        var status = fixture.Pipeline!.Status.Where(s => s.StreamName == windData).ToList();
        Assert.Equal(
            shards.Where(s => s.IsOpen).Select(s => s.ShardId).SelectMany(s => new[] { s, s }).Order(StringComparer.Ordinal),
            status.Select(s => s.ShardId).Order(StringComparer.Ordinal));
        Assert.All(status, s => Assert.Equal(ConsumerState.Healthy, s.State));
    }

    [Fact]
    public async Task A_shard_end_that_fails_to_save_hands_over_again_and_children_that_evict_every_key_still_score_as_uninterrupted()
    {
        var dataset = reference.Dataset;
        var locations = reference.Locations;
        await using var fixture = Fixture(o =>
        {
            o.Jobs.MaxKeysPerShard = 1;
            o.Jobs.KeyIdleAfter = TimeSpan.FromTicks(1);
        });
        FailingShardEnds? failing = null;
        await fixture.OpenAsync(b => new PipelineBackend(b.Streams, b.Tables, failing = new FailingShardEnds(b.Checkpoints), b.DeadLetters, b));
        var half = dataset.Count / 2;

        await fixture.PutReadingsAsync(dataset.Take(half).Select(r => r.Reading));
        await fixture.StartAsync();
        await fixture.WaitForItemsAsync(fixture.Options.Tables.WindData, locations, half / 3, WaitTimeout);
        await fixture.Backend!.Streams.UpdateShardCountAsync(fixture.Options.Streams.WindData, 4);
        await fixture.PutReadingsAsync(dataset.Skip(half).Select(r => r.Reading));
        await fixture.WaitForItemsAsync(fixture.Options.Tables.WindData, locations, dataset.Count, WaitTimeout);
        var windows = await fixture.WaitForItemsAsync(fixture.Options.Tables.MaxWindSpeed, locations, reference.Windows.Count, WaitTimeout);
        await Task.Delay(300);
        var items = await fixture.ReadAllAsync(fixture.Options.Tables.WindData, locations);

        Assert.True(failing!.Failed >= 2, $"the first SHARD_END save of each job's first parent failed ({failing.Failed} failed)");
        Assert.Equal(dataset.Count, items.Count);
        Assert.Equal(reference.Scores, Scores(items));
        Assert.Equal(reference.Windows, Windows(windows));
        Assert.Empty(await DeadLettersOfAsync(fixture));
    }

    /// <summary>
    /// The dead letters of this fixture's streams, named by consumer and reason (on the AWS backend the dead-letter table
    /// is shared by every test on the local servers, and other tests leave late readings there on purpose).
    /// </summary>
    private static async Task<List<string>> DeadLettersOfAsync(PipelineFixture fixture)
    {
        var streams = fixture.Options.Streams;
        string[] own = [streams.WindData, streams.AnomalyDetection, streams.MaxWindSpeed, streams.WindRollup];
        return (await fixture.Backend!.DeadLetters.ListAsync(limit: 10_000))
            .Where(d => own.Contains(d.StreamName, StringComparer.Ordinal))
            .Select(d => $"{d.Consumer} on {d.StreamName}: {d.Reason}")
            .ToList();
    }

    /// <summary>A flow of two shards per stream that looks for new shards every 200 ms.</summary>
    private PipelineFixture Fixture(Action<Pipeline.Configuration.PipelineOptions>? configure = null) => CreateFixture(o =>
    {
        o.Jobs.ShardDiscoveryInterval = TimeSpan.FromMilliseconds(200);
        o.Functions.ShardDiscoveryInterval = TimeSpan.FromMilliseconds(200);
        configure?.Invoke(o);
    });

    private static Dictionary<string, (double Score, double Grade)> Scores(IEnumerable<Item> items) =>
        items.ToDictionary(i => i.GetString(WindDataItem.SortKey), i => (i.GetNumber("score"), i.GetNumber("grade")));

    private static List<MaxSpeedWindow> Windows(IEnumerable<Item> items) =>
        items.Select(MaxWindSpeedItem.ToWindow).OrderBy(w => (w.Location, w.WindowStart)).ToList();

    /// <summary>The dataset through a flow whose shards never change: the scores and windows a resharded run must match.</summary>
    public sealed class UninterruptedRun : IAsyncLifetime
    {
        public List<SimulatedReading> Dataset { get; } = PipelineFixture.AnomalyDataset(Ticks, locations: 8, turbines: 2);

        public List<string> Locations => Dataset.Select(r => r.Reading.Location).Distinct().ToList();

        public Dictionary<string, (double Score, double Grade)> Scores { get; private set; } = [];

        public List<MaxSpeedWindow> Windows { get; private set; } = [];

        public async Task InitializeAsync()
        {
            await using var fixture = PipelineFixture.Create();
            await fixture.OpenAsync();
            await fixture.PutReadingsAsync(Dataset.Select(r => r.Reading));
            await fixture.StartAsync();
            Scores = ReshardingTests.Scores(await fixture.WaitForItemsAsync(fixture.Options.Tables.WindData, Locations, Dataset.Count, s_wait));
            var expected = TurbinePipelineTests.ClosedWindows(Dataset, fixture.Options.MaxSpeed.Window, fixture.Options.MaxSpeed.AllowedLateness).Count;
            Windows = ReshardingTests.Windows(await fixture.WaitForItemsAsync(fixture.Options.Tables.MaxWindSpeed, Locations, expected, s_wait));
            Assert.True(Scores.Values.Count(s => s.Score > 0) > Dataset.Count / 2, "most readings were scored after the warm-up");
        }

        public Task DisposeAsync() => Task.CompletedTask;
    }

    /// <summary>The checkpoint store, except that each job's first SHARD_END save fails (after its keys were handed over).</summary>
    private sealed class FailingShardEnds(ICheckpointStore inner) : ICheckpointStore
    {
        private readonly HashSet<string> _failedFor = [];
        private int _failed;

        public int Failed => _failed;

        public Task<Checkpoint?> LoadAsync(string consumer, string streamName, string shardId, CancellationToken cancellationToken = default) =>
            inner.LoadAsync(consumer, streamName, shardId, cancellationToken);

        public Task SaveAsync(Checkpoint checkpoint, CancellationToken cancellationToken = default)
        {
            if (checkpoint.IsShardEnd && !checkpoint.Consumer.EndsWith("Function", StringComparison.Ordinal))
            {
                lock (_failedFor)
                {
                    if (_failedFor.Add(checkpoint.Consumer))
                    {
                        Interlocked.Increment(ref _failed);
                        throw new IOException($"The SHARD_END checkpoint of {checkpoint.Consumer} on {checkpoint.ShardId} fails on purpose.");
                    }
                }
            }
            return inner.SaveAsync(checkpoint, cancellationToken);
        }

        public Task SaveAsync(Checkpoint checkpoint, long ownerEpoch, CancellationToken cancellationToken = default) =>
            inner.SaveAsync(checkpoint, ownerEpoch, cancellationToken);

        public Task<long> ClaimAsync(string consumer, string streamName, string shardId, string owner, CancellationToken cancellationToken = default) =>
            inner.ClaimAsync(consumer, streamName, shardId, owner, cancellationToken);

        public Task<ShardOwner?> OwnerAsync(string consumer, string streamName, string shardId, CancellationToken cancellationToken = default) =>
            inner.OwnerAsync(consumer, streamName, shardId, cancellationToken);
    }
}
