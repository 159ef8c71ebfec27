using System.Diagnostics;
using TurbineConsole.Rcf;

namespace TurbineConsole.Benchmarks.Rcf;

/// <summary>The <c>rcf</c> command: score-then-update throughput and bytes per forest at shingle 1, 4 and 8.</summary>
public static class RcfCommand
{
    /// <summary>Points scored and added before timing starts (fills the samples and warms the JIT).</summary>
    private const int WarmUpPoints = 5_000;

    /// <summary>Points timed.</summary>
    private const int MeasuredPoints = 30_000;

    /// <summary>Runs the benchmark and prints one line per shingle size.</summary>
    public static Task<int> RunAsync(string[] args)
    {
        if (args.Length > 0)
        {
            Console.Error.WriteLine("usage: rcf (takes no options)");
            return Task.FromResult(1);
        }

        var series = SyntheticWindSeries.Generate(WarmUpPoints + MeasuredPoints);
        foreach (var shingle in new[] { 1, 4, 8 })
        {
            var options = new RandomCutForestOptions { ShingleSize = shingle, NumberOfTrees = 50, SampleSize = 256 };
            var before = GC.GetTotalMemory(forceFullCollection: true);
            var forest = new RandomCutForest(options);
            double sink = 0;
            for (var i = 0; i < WarmUpPoints; i++)
            {
                sink += forest.Score(series.AsSpan(i, 1));
                forest.Update(series.AsSpan(i, 1));
            }

            var bytes = GC.GetTotalMemory(forceFullCollection: true) - before;
            var stopwatch = Stopwatch.StartNew();
            for (var i = WarmUpPoints; i < series.Length; i++)
            {
                sink += forest.Score(series.AsSpan(i, 1));
                forest.Update(series.AsSpan(i, 1));
            }

            stopwatch.Stop();
            var pointsPerSecond = (long)(MeasuredPoints / stopwatch.Elapsed.TotalSeconds);
            var checkpoint = forest.ToBytes();
            const int Rounds = 50;
            for (var i = 0; i < Rounds; i++)
            {
                sink += RandomCutForest.FromBytes(forest.ToBytes()).TotalUpdates;
            }

            var checkpointTimer = Stopwatch.StartNew();
            for (var i = 0; i < Rounds; i++)
            {
                checkpoint = forest.ToBytes();
            }

            var toBytesMicroseconds = checkpointTimer.Elapsed.TotalMicroseconds / Rounds;
            checkpointTimer.Restart();
            for (var i = 0; i < Rounds; i++)
            {
                sink += RandomCutForest.FromBytes(checkpoint).TotalUpdates;
            }

            var fromBytesMicroseconds = checkpointTimer.Elapsed.TotalMicroseconds / Rounds;
            GC.KeepAlive(forest);
            Console.WriteLine(
                $"rcf shingle={shingle} points_per_s={pointsPerSecond} bytes_per_forest={bytes} " +
                $"checkpoint_bytes={checkpoint.Length} to_bytes_us={toBytesMicroseconds:F0} from_bytes_us={fromBytesMicroseconds:F0}");
            if (double.IsNaN(sink))
            {
                Console.WriteLine("unreachable: keeps the scores alive");
            }
        }

        return Task.FromResult(0);
    }
}
