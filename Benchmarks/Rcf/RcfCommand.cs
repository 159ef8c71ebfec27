using System.Diagnostics;
using System.Globalization;
using TurbineConsole.Rcf;

namespace TurbineConsole.Benchmarks.Rcf;

/// <summary>
/// The <c>rcf</c> command: score-then-update throughput, bytes per forest and checkpoint cost at shingle 1, 4 and 8,
/// each at bounding-box cache fractions 1, 0.5 and 0, side by side in one run. Besides the wall-clock rate it prints
/// the rate per second of the process's processor time, which a machine shared with other work disturbs far less.
/// </summary>
public static class RcfCommand
{
    /// <summary>Points scored and added before timing starts (fills the samples and warms the JIT).</summary>
    private const int WarmUpPoints = 5_000;

    /// <summary>Points timed.</summary>
    private const int MeasuredPoints = 30_000;

    /// <summary>Forests built and filled together for the memory figure, which is their average (a single one is noisy).</summary>
    private const int MeasuredForests = 4;

    /// <summary>The bounding-box cache fractions compared.</summary>
    private static readonly double[] s_fractions = [1.0, 0.5, 0.0];

    /// <summary>
    /// Runs the benchmark and prints one line per shingle size and fraction, each followed by where the bytes go;
    /// <c>--shingle N</c> and <c>--cache F</c> run one shingle size or one fraction alone.
    /// </summary>
    public static Task<int> RunAsync(string[] args)
    {
        var arguments = CommandLine.Parse(args).Only("shingle", "cache");
        var only = arguments.Int("shingle", 0);
        var fractions = s_fractions;
        if (arguments.String("cache") is { } text)
        {
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var chosen) || !(chosen is >= 0 and <= 1))
            {
                Console.Error.WriteLine($"Option --cache must be a bounding-box cache fraction from 0 to 1; it is '{text}'.");
                return Task.FromResult(2);
            }

            fractions = [chosen];
        }

        var series = SyntheticWindSeries.Generate(WarmUpPoints + MeasuredPoints);
        foreach (var shingle in new[] { 1, 4, 8 }.Where(s => only == 0 || s == only))
        {
            foreach (var fraction in fractions)
            {
                Run(series, new RandomCutForestOptions
                {
                    ShingleSize = shingle,
                    NumberOfTrees = 50,
                    SampleSize = 256,
                    BoundingBoxCacheFraction = fraction,
                });
            }
        }

        return Task.FromResult(0);
    }

    /// <summary>
    /// Bytes per forest: the heap's growth (after full collections) over building <see cref="MeasuredForests"/>
    /// forests and adding the warm-up points to each, divided by their number: what the forests keep, object
    /// headers and all, and not the garbage of growing the point store.
    /// </summary>
    public static long MeasureBytesPerForest(RandomCutForestOptions options, ReadOnlySpan<double> points, int forests)
    {
        var kept = new RandomCutForest[forests];
        var before = GC.GetTotalMemory(forceFullCollection: true);
        for (var f = 0; f < forests; f++)
        {
            kept[f] = new RandomCutForest(options);
            for (var i = 0; i < points.Length; i++)
            {
                kept[f].Update(points.Slice(i, 1));
            }
        }

        var bytes = GC.GetTotalMemory(forceFullCollection: true) - before;
        GC.KeepAlive(kept);
        return bytes / forests;
    }

    private static void Run(double[] series, RandomCutForestOptions options)
    {
        var bytes = MeasureBytesPerForest(options, series.AsSpan(0, WarmUpPoints), MeasuredForests);
        var forest = new RandomCutForest(options);
        double sink = 0;
        for (var i = 0; i < WarmUpPoints; i++)
        {
            sink += forest.Score(series.AsSpan(i, 1));
            forest.Update(series.AsSpan(i, 1));
        }

        var parts = forest.Footprint;
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        for (var i = WarmUpPoints; i < series.Length; i++)
        {
            sink += forest.Score(series.AsSpan(i, 1));
            forest.Update(series.AsSpan(i, 1));
        }

        stopwatch.Stop();
        process.Refresh();
        var cpuSeconds = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        var pointsPerSecond = (long)(MeasuredPoints / stopwatch.Elapsed.TotalSeconds);
        var pointsPerCpuSecond = (long)(MeasuredPoints / cpuSeconds);
        var fraction = options.BoundingBoxCacheFraction;
        var checkpoint = forest.ToBytes();
        const int Rounds = 50;
        for (var i = 0; i < Rounds; i++)
        {
            sink += RandomCutForest.FromBytes(forest.ToBytes(), fraction).TotalUpdates;
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
            sink += RandomCutForest.FromBytes(checkpoint, fraction).TotalUpdates;
        }

        var fromBytesMicroseconds = checkpointTimer.Elapsed.TotalMicroseconds / Rounds;
        GC.KeepAlive(forest);
        var cache = options.EffectiveBoundingBoxCacheFraction.ToString(CultureInfo.InvariantCulture);
        Console.WriteLine(
            $"rcf shingle={options.ShingleSize} cache={cache} points_per_s={pointsPerSecond} points_per_cpu_s={pointsPerCpuSecond} bytes_per_forest={bytes} " +
            $"checkpoint_bytes={checkpoint.Length} to_bytes_us={toBytesMicroseconds:F0} from_bytes_us={fromBytesMicroseconds:F0}");
        Console.WriteLine(
            $"  bytes by part: nodes={parts.Nodes} boxes={parts.Boxes} leaf_counts={parts.LeafCounts} " +
            $"samples={parts.Samples} points={parts.Points} other_arrays={parts.Other} objects={bytes - parts.Total}");
        if (double.IsNaN(sink))
        {
            Console.WriteLine("unreachable: keeps the scores alive");
        }
    }
}
