namespace TurbineConsole.Rcf.Tests;

/// <summary>Tests that read the size of the whole heap, so nothing else may run beside them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HeapMeasurementCollection
{
    /// <summary>Name of the collection.</summary>
    public const string Name = "Heap measurements (run alone)";
}

/// <summary>
/// The memory a forest keeps, measured as the rcf benchmark measures it (RcfCommand.MeasureBytesPerForest): the
/// heap's growth after full collections over building and filling a few forests, divided by their number. That is
/// everything the forests keep reachable (arrays, objects, headers), and not the garbage of growing the point store;
/// the collection runs alone, so no other test allocates meanwhile.
/// </summary>
[Collection(HeapMeasurementCollection.Name)]
public sealed class ForestMemoryTests
{
    /// <summary>The memory a forest may keep at shingle 1, so that 50,000 forests keyed by turbine fit in a worker.</summary>
    private const long MaxBytesPerForest = 250 * 1024;

    /// <summary>
    /// The pipeline's defaults (Pipeline/Core/Configuration/AnomalyDetectionOptions.cs: 50 trees, sample 256,
    /// shingle 1, output after 256, seed 42, no cache fraction set); this library cannot reference the pipeline.
    /// </summary>
    private static RandomCutForestOptions PipelineDefaults => new()
    {
        NumberOfTrees = 50,
        SampleSize = 256,
        ShingleSize = 1,
        OutputAfter = 256,
        Seed = 42,
    };

    /// <summary>
    /// A forest at the pipeline's defaults, its samples full after 5,000 readings, keeps at most 250 KB: on the
    /// wind series as recorded (3 decimals) and rounded to 2 decimals as the simulator sends it (more repeated
    /// values: more leaves holding several copies, fewer distinct points).
    /// </summary>
    [Theory]
    [InlineData(3)]
    [InlineData(2)]
    public void A_shingle_1_forest_at_the_pipeline_defaults_keeps_at_most_250_kilobytes(int decimals)
    {
        var speeds = TestData.WindSpeeds()[..5_000].Select(s => Math.Round(s, decimals)).ToArray();

        var bytes = MeasureBytesPerForest(PipelineDefaults, speeds, forests: 4);

        Assert.InRange(bytes, 100 * 1024, MaxBytesPerForest);
    }

    /// <summary>Caching every box costs what the boxes take (2 floats per internal node of each tree) and not much more.</summary>
    [Fact]
    public void Caching_every_box_at_shingle_1_costs_the_boxes()
    {
        var speeds = TestData.WindSpeeds()[..5_000];
        var boxes = 50L * 255 * 2 * sizeof(float);

        var none = MeasureBytesPerForest(PipelineDefaults with { BoundingBoxCacheFraction = 0 }, speeds, forests: 4);
        var all = MeasureBytesPerForest(PipelineDefaults with { BoundingBoxCacheFraction = 1 }, speeds, forests: 4);

        Assert.InRange(all - none, boxes * 9 / 10, boxes + 8 * 1024);
    }

    /// <summary>The benchmark's measure (Benchmarks/Rcf/RcfCommand.cs), repeated here because the tests cannot reference the benchmarks.</summary>
    private static long MeasureBytesPerForest(RandomCutForestOptions options, double[] points, int forests)
    {
        var kept = new RandomCutForest[forests];
        var before = GC.GetTotalMemory(forceFullCollection: true);
        for (var f = 0; f < forests; f++)
        {
            kept[f] = new RandomCutForest(options);
            foreach (var point in points)
            {
                kept[f].Update([point]);
            }
        }

        var bytes = GC.GetTotalMemory(forceFullCollection: true) - before;
        GC.KeepAlive(kept);
        return bytes / forests;
    }
}
