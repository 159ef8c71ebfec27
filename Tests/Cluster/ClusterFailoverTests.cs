using System.Globalization;
using TurbineConsole.Pipeline.Alerts;
using TurbineConsole.Pipeline.Aws;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Jobs;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Runtime;
using TurbineConsole.Pipeline.Simulation;
using TurbineConsole.Pipeline.Streams;
using TurbineConsole.Tests.Faults;
using TurbineConsole.Tests.Faults.Chaos;
using Xunit.Abstractions;

namespace TurbineConsole.Tests.Cluster;

/// <summary>
/// The pipeline as a cluster of processes on loopback: kinesalite, dynalite, redis-server, three workers and a web
/// process. A worker is killed with kill -9 mid-stream and its shards move to the others; then it is started again (as
/// systemd would) and a fourth worker joins, and the shards spread one per worker. Nothing is lost or counted twice, every closed window's max is right, the
/// scores are those of a single process over the same records, and each incident is raised once.
/// Runs in the fault collection: alone, after the others.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class ClusterFailoverTests(FaultFixture fixture, ITestOutputHelper output)
{
    private const int ShardCount = 4;

    /// <summary>The anomaly dataset at 8 locations of 2 turbines, one tick every 200 ms (80 readings a second).</summary>
    private static readonly DatasetOptions s_dataset = new() { Locations = 8, TurbinesPerLocation = 2 };

    [Fact]
    public async Task A_worker_killed_mid_stream_hands_its_shards_over_and_a_fourth_worker_takes_one_of_its_own_with_every_reading_stored_once()
    {
        var directory = fixture.NewDirectory();
        await using var local = await LocalCluster.StartAsync(directory, ShardCount);
        var (options, backend, cluster) = (local.Options, local.Backend, local.Run);

        // Three workers and a web process.
        // One worker joins at a time: a joining worker checks that it reaches every other, and two checking each other
        // on a busy machine can time out (the joining one then stops).
        var web = cluster.StartWeb();
        for (var i = 0; i < 3; i++)
            await cluster.Workers[cluster.StartWorker()].Process.WaitUntilListeningAsync(ChaosApp.StartTimeout);
        await web.WaitUntilListeningAsync(ChaosApp.StartTimeout);
        var everyShardOwned = await cluster.WaitForOwnersAsync(backend.Checkpoints, o => o.Values.All(w => w is >= 0 and < 3), TimeSpan.FromSeconds(60),
            "every consumer's shards owned by the three workers");
        output.WriteLine($"every shard of every consumer owned {everyShardOwned.TotalSeconds:F1} s after the workers started");

        var generator = new WindDatasetGenerator(WindDataset.Anomaly, s_dataset);
        var locations = generator.Farms.Select(f => f.Location).ToList();
        await using var producer = new ReadingProducer(backend.Streams, options.Streams.WindData, locations, TimeSpan.FromMilliseconds(200),
            time => generator.NextTick().Select(r => r.Reading with { Timestamp = time }));
        producer.Start();
        await cluster.WaitUntilCaughtUpAsync(backend.Tables, options.Tables.WindData, locations, DateTimeOffset.UtcNow);

        // kill -9 the worker that owns AnomalyDetection's first shard, mid-stream.
        await Task.Delay(TimeSpan.FromSeconds(5));
        var before = await cluster.OwnersAsync(backend.Checkpoints);
        var victim = before[("AnomalyDetection", cluster.ShardIds[0])];
        var moving = before.Where(o => o.Value == victim).Select(o => o.Key).ToList();
        cluster.Workers[victim].Process.KillHard();
        var killedAt = DateTimeOffset.UtcNow;
        var failover = await cluster.WaitForOwnersAsync(backend.Checkpoints, o => moving.All(k => o[k] >= 0 && o[k] != victim), TimeSpan.FromSeconds(60),
            $"the {moving.Count} shards of the killed worker {victim} owned by another");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"worker {victim} killed with kill -9 owning {moving.Count} consumer shards; they moved {failover.TotalSeconds:F1} s after the kill"));
        var caughtUp = await cluster.WaitUntilCaughtUpAsync(backend.Tables, options.Tables.WindData, locations, killedAt);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"WindDataTable caught up {caughtUp.TotalSeconds:F1} s after the kill"));

        // The killed worker starts again and a fourth joins: each of the 4 shards of every consumer on a worker of its own.
        var restarted = cluster.StartWorker(cluster.Workers[victim].SiloPort);
        await cluster.Workers[restarted].Process.WaitUntilListeningAsync(ChaosApp.StartTimeout);
        var fourth = cluster.StartWorker();
        await cluster.Workers[fourth].Process.WaitUntilListeningAsync(ChaosApp.StartTimeout);
        var live = Enumerable.Range(0, cluster.Workers.Count).Where(i => i != victim).ToHashSet();
        var spread = await cluster.WaitForOwnersAsync(backend.Checkpoints,
            o => ClusterRun.Consumers.All(c => cluster.ShardIds.Select(s => o[(c.Consumer, s)]).Where(live.Contains).Distinct().Count() == ShardCount),
            TimeSpan.FromSeconds(90), "each consumer's 4 shards on 4 different live workers");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"the shards spread over the 4 live workers {spread.TotalSeconds:F1} s after the last of them started"));
        output.WriteLine("owners: " + ClusterRun.Describe(await cluster.OwnersAsync(backend.Checkpoints)));
        await Task.Delay(TimeSpan.FromSeconds(5));

        // The run goes on past the dataset's first spike (a fast machine gets here before it), so an incident is due.
        var (putSoFar, pastFirstSpike) = await LocalCluster.WaitPastFirstSpikeAsync(producer, generator, s_dataset.TurbinesPerLocation);
        Assert.True(putSoFar >= pastFirstSpike, $"the producer stored {putSoFar} readings in 120 s, not the {pastFirstSpike} past the first spike");

        // Everything produced is stored once, and every closed window is right.
        await producer.StopAsync(TimeSpan.FromSeconds(60));
        var produced = producer.Stored;
        var audit = await local.AuditAsync(produced);

        output.WriteLine(audit.ToString());
        Assert.True(audit.ExactlyOnce, audit + "\n" + cluster.Tails());
        Assert.True(audit.WindowsExpected > 0, "no window closed during the run");
        foreach (var (worker, i) in cluster.Workers.Select((w, i) => (w.Process, i)).Where(w => w.i != victim))
            Assert.False(worker.HasExited, $"worker {i} stopped:\n{cluster.Tails()}");

        // The scores are a single process's over the same records: each location's records through one processor, in order.
        var expected = await SingleProcessScores.ComputeAsync(backend.Streams, options);
        var stored = (await PipelineAudit.ReadAllAsync(backend.Tables, options.Tables.WindData, locations))
            .ToDictionary(i => (i.GetString("turbine"), (long)i.GetNumber("seq")), i => i.GetNumber("score"));
        Assert.Equal(produced.Count, expected.Count);
        var differing = expected.Where(e => !stored.TryGetValue(e.Key, out var score) || Math.Abs(score - e.Value) > 1e-9 * Math.Max(1, Math.Abs(e.Value))).ToList();
        Assert.True(differing.Count == 0, $"{differing.Count} scores differ from a single process's, first {string.Join(", ", differing.Take(5))}");
        Assert.Contains(expected.Values, score => score > 0);

        // Each incident is raised once: no two for the same location's same first anomaly.
        var incidents = await new AlertStore(backend.Tables, new AlertOptions().Table).ListAsync(int.MaxValue);
        output.WriteLine($"{incidents.Count} incidents: {string.Join(", ", incidents.Select(i => $"{i.Location} {i.FirstSeen:HH:mm:ss.fff}"))}");
        Assert.NotEmpty(incidents);
        Assert.All(incidents.GroupBy(i => (i.Location, i.FirstSeen)), g => Assert.Single(g));
    }
}
