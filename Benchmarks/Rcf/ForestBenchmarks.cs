using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using TurbineConsole.Rcf;

namespace TurbineConsole.Benchmarks.Rcf;

/// <summary>
/// BenchmarkDotNet beside the <c>rcf</c> command: one score-then-update of a warmed forest (50 trees, sample 256)
/// per shingle size, with BenchmarkDotNet's statistics and allocation counts (0 B expected in steady state).
/// Runs in this process, so it needs no separate build.
/// </summary>
[MemoryDiagnoser]
public class ForestBenchmarks
{
    private const int WarmUpPoints = 5_000;
    private double[] _series = [];
    private RandomCutForest _forest = null!;
    private int _next;

    /// <summary>The shingle size.</summary>
    [Params(1, 4, 8)]
    public int Shingle { get; set; }

    /// <summary>A forest that has seen <see cref="WarmUpPoints"/> wind readings.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _series = SyntheticWindSeries.Generate(WarmUpPoints + 200_000);
        _forest = new RandomCutForest(new RandomCutForestOptions { ShingleSize = Shingle });
        for (_next = 0; _next < WarmUpPoints; _next++)
        {
            _forest.Score(_series.AsSpan(_next, 1));
            _forest.Update(_series.AsSpan(_next, 1));
        }
    }

    /// <summary>Scores the next reading, then adds it.</summary>
    [Benchmark]
    public double ScoreThenUpdate()
    {
        if (_next == _series.Length)
        {
            _next = WarmUpPoints;
        }

        ReadOnlySpan<double> point = _series.AsSpan(_next++, 1);
        var score = _forest.Score(point);
        _forest.Update(point);
        return score;
    }

    /// <summary>The <c>rcf-bdn</c> command: runs the suite and prints BenchmarkDotNet's table.</summary>
    public static Task<int> RunAsync(string[] args)
    {
        var config = ManualConfig.CreateMinimumViable()
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
            .WithOptions(ConfigOptions.DisableLogFile);
        var summary = BenchmarkRunner.Run<ForestBenchmarks>(config, args);
        return Task.FromResult(summary.HasCriticalValidationErrors || summary.Reports.Any(r => !r.Success) ? 1 : 0);
    }
}
