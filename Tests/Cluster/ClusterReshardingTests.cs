using System.Globalization;
using TurbineConsole.Pipeline.Aws;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Runtime;
using TurbineConsole.Pipeline.Simulation;
using TurbineConsole.Tests.Faults;
using TurbineConsole.Tests.Faults.Chaos;
using TurbineConsole.Tests.Support;
using Xunit.Abstractions;

namespace TurbineConsole.Tests.Cluster;

/// <summary>
/// A reshard in a cluster of processes on loopback: kinesalite, dynalite, redis-server and three workers (no web
/// process). WindDataStream goes from 2 to 4 shards while a producer puts readings; the workers' keepers find the
/// children, wake their owners once the parents are done, and the children are read on workers. Nothing is lost or
/// stored twice, every closed window's max is right, each location's results come out in the order its readings were
/// put, and the scores are those of one process reading the parents and then the children (state kept across the split).
/// Runs in the fault collection: alone, after the others.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class ClusterReshardingTests(FaultFixture fixture, ITestOutputHelper output)
{
    private const int ShardCount = 2;

    /// <summary>The anomaly dataset at 8 locations of 2 turbines, one tick every 200 ms (80 readings a second).</summary>
    private static readonly DatasetOptions s_dataset = new() { Locations = 8, TurbinesPerLocation = 2 };

    [Fact]
    public async Task WindDataStream_going_from_2_to_4_shards_mid_run_in_a_cluster_loses_nothing_keeps_each_locations_order_and_keeps_state()
    {
        var directory = fixture.NewDirectory();
        await using var local = await LocalCluster.StartAsync(directory, ShardCount);
        var (options, backend, cluster) = (local.Options, local.Backend, local.Run);
        var windData = options.Streams.WindData;

        // Three workers, one joining at a time (as in ClusterFailoverTests).
        for (var i = 0; i < 3; i++)
            await cluster.Workers[cluster.StartWorker()].Process.WaitUntilListeningAsync(ChaosApp.StartTimeout);
        await cluster.WaitForOwnersAsync(backend.Checkpoints, o => o.Values.All(w => w is >= 0 and < 3), TimeSpan.FromSeconds(60),
            "every consumer's shards owned by the three workers");

        var generator = new WindDatasetGenerator(WindDataset.Anomaly, s_dataset);
        var locations = generator.Farms.Select(f => f.Location).ToList();
        await using var producer = new ReadingProducer(backend.Streams, windData, locations, TimeSpan.FromMilliseconds(200),
            time => generator.NextTick().Select(r => r.Reading with { Timestamp = time }));
        producer.Start();
        await cluster.WaitUntilCaughtUpAsync(backend.Tables, options.Tables.WindData, locations, DateTimeOffset.UtcNow);

        // The reshard comes once the forests are past their warm-up and the dataset's first spike, so the children score
        // from the second they start only if their parents' forests were handed over to them.
        var (putSoFar, pastFirstSpike) = await LocalCluster.WaitPastFirstSpikeAsync(producer, generator, s_dataset.TurbinesPerLocation);
        Assert.True(putSoFar >= pastFirstSpike, $"the producer stored {putSoFar} readings in 120 s, not the {pastFirstSpike} past the first spike");

        // 2 to 4 shards mid-run: one split per shard (kinesalite has no UpdateShardCount; the client splits).
        var reshardedAt = DateTimeOffset.UtcNow;
        var update = await backend.Streams.UpdateShardCountAsync(windData, 4);
        var readingsBefore = producer.Stored.Count;
        Assert.Equal((2, 4), (update.CurrentShardCount, update.TargetShardCount));
        var shards = await backend.Streams.ListShardsAsync(windData);
        var parents = shards.Where(s => !s.IsOpen).Select(s => s.ShardId).ToList();
        var children = shards.Where(s => s.IsOpen).Select(s => s.ShardId).ToList();
        Assert.Equal(cluster.ShardIds, parents);
        Assert.Equal(4, children.Count);
        Assert.All(shards.Where(s => s.IsOpen), s => Assert.Contains(s.ParentShardId, parents));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"WindDataStream went from 2 to 4 shards in {(DateTimeOffset.UtcNow - reshardedAt).TotalSeconds:F1} s, {readingsBefore} readings stored by then; children {string.Join(", ", children)}"));

        // The keepers find the children and wake their owners once the parents are done: every child owned by a worker.
        var jobs = ClusterRun.Consumers.Where(c => c.Stream == windData).Select(c => c.Consumer).ToList();
        Assert.Equal(2, jobs.Count);
        var childrenOwned = await cluster.WaitForOwnersAsync(backend.Checkpoints, o => o.Values.All(w => w >= 0), TimeSpan.FromSeconds(120),
            "every child shard of both jobs owned by a worker", windData, children);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"every child shard of both jobs owned {(DateTimeOffset.UtcNow - reshardedAt).TotalSeconds:F1} s after the reshard began"
            + $" ({childrenOwned.TotalSeconds:F1} s after it returned)"));
        output.WriteLine("child owners: " + ClusterRun.Describe(await cluster.OwnersAsync(backend.Checkpoints, windData, children)));

        // Readings go on into the children for a while; the cluster catches up with them.
        var childrenOwnedAt = DateTimeOffset.UtcNow;
        var caughtUp = await cluster.WaitUntilCaughtUpAsync(backend.Tables, options.Tables.WindData, locations, childrenOwnedAt);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"WindDataTable caught up with the children {caughtUp.TotalSeconds:F1} s after they were owned"));
        await Task.Delay(TimeSpan.FromSeconds(10));

        // Everything produced is stored once, and every closed window is right.
        await producer.StopAsync(TimeSpan.FromSeconds(60));
        var produced = producer.Stored;
        Assert.True(produced.Count > readingsBefore, "no reading was put after the reshard");
        var audit = await local.AuditAsync(produced);

        output.WriteLine(audit.ToString());
        Assert.True(audit.ExactlyOnce, audit + "\n" + cluster.Tails());
        Assert.True(audit.WindowsExpected > 0, "no window closed during the run");
        foreach (var (worker, i) in cluster.Workers.Select((w, i) => (w.Process, i)))
            Assert.False(worker.HasExited, $"worker {i} stopped:\n{cluster.Tails()}");

        // Owners moved only as the workers joined: none of a stream that was not resharded went round in circles (each
        // move claims the shard again, one epoch up; owners moving every second reached epochs in the hundreds).
        var epochs = new List<(string Consumer, string Shard, long Epoch)>();
        foreach (var (consumer, stream) in ClusterRun.Consumers.Where(c => c.Stream != windData))
        {
            foreach (var shard in cluster.ShardIds)
                epochs.Add((consumer, shard, (await backend.Checkpoints.OwnerAsync(consumer, stream, shard))?.Epoch ?? 0));
        }

        output.WriteLine("owner epochs of the other streams' consumers: " + string.Join(", ", epochs.Select(e => $"{e.Consumer}/{e.Shard[^1..]}={e.Epoch}")));
        Assert.All(epochs, e => Assert.InRange(e.Epoch, 1, 10));

        // A finished parent is claimed no more: its owner, woken before the keepers list the shards again, finds it done
        // (it was claimed again on each of those wakes, once a second, before).
        var parentEpochs = new List<(string Consumer, string Shard, long Epoch)>();
        foreach (var (consumer, _) in ClusterRun.Consumers.Where(c => c.Stream == windData))
        {
            foreach (var shard in parents)
                parentEpochs.Add((consumer, shard, (await backend.Checkpoints.OwnerAsync(consumer, windData, shard))?.Epoch ?? 0));
        }

        output.WriteLine("owner epochs of the parents: " + string.Join(", ", parentEpochs.Select(e => $"{e.Consumer}/{e.Shard[^1..]}={e.Epoch}")));
        Assert.All(parentEpochs, e => Assert.InRange(e.Epoch, 1, 5));

        // Both parents and children hold readings: the run went through the split.
        foreach (var shard in parents.Concat(children))
        {
            var iterator = await backend.Streams.GetShardIteratorAsync(windData, shard, Pipeline.Streams.StartingPosition.TrimHorizon);
            Assert.NotEmpty((await backend.Streams.GetRecordsAsync(iterator, 1)).Records);
        }

        // Each location's results came out of AnomalyDetection in the order its readings were put (one result per
        // reading, put as the job processed them, so the parent's readings before the child's).
        var results = (await StreamContents.ReadAllAsync(backend.Streams, options.Streams.AnomalyDetection)).Select(r => AnomalyResultCodec.Decode(r.Data).Reading).ToList();
        foreach (var location in locations)
        {
            Assert.Equal(
                produced.Where(r => r.Location == location).Select(r => (r.Turbine, r.Seq)),
                results.Where(r => r.Location == location).Select(r => (r.Turbine, r.Seq)));
        }

        // The scores are one process's over the same records: each location's readings, parents' then children's, through
        // one processor (forests handed from parent to child).
        var expected = await SingleProcessScores.ComputeAsync(backend.Streams, options);
        var stored = (await PipelineAudit.ReadAllAsync(backend.Tables, options.Tables.WindData, locations))
            .ToDictionary(i => (i.GetString("turbine"), (long)i.GetNumber("seq")), i => i.GetNumber("score"));
        Assert.Equal(produced.Count, expected.Count);
        var differing = expected.Where(e => !stored.TryGetValue(e.Key, out var score) || Math.Abs(score - e.Value) > 1e-9 * Math.Max(1, Math.Abs(e.Value))).ToList();
        Assert.True(differing.Count == 0, $"{differing.Count} scores differ from a single process's, first {string.Join(", ", differing.Take(5))}");
        Assert.Contains(expected.Values, score => score > 0);
        var inChildren = produced.Skip(readingsBefore).Select(r => expected[(r.Turbine, r.Seq)]).ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{produced.Count} readings, {inChildren.Count} of them put after the reshard; {inChildren.Count(s => s > 0)} of those scored above 0, as by one process"));
        Assert.True(inChildren.Count(s => s > 0) > inChildren.Count / 2, "most readings put into the children were scored (the forests went on from the parents')");

        // Both jobs read each parent to its end and checkpointed SHARD_END.
        foreach (var job in jobs)
        {
            foreach (var parent in parents)
                Assert.True((await backend.Checkpoints.LoadAsync(job, windData, parent))?.IsShardEnd, $"{job} finished {parent}");
        }
    }
}
