using TurbineConsole.Rcf.Trees;
using TurbineConsole.Rcf.Visitors;
using Forest = TurbineConsole.Rcf.RandomCutForest;

namespace TurbineConsole.Rcf.Tests;

[Collection(ForestRunsCollection.Name)]
public sealed class RandomCutForestTests(ForestRuns runs)
{
    public static TheoryData<string, int> NabCases()
    {
        var cases = new TheoryData<string, int>();
        foreach (var (_, reference) in TestData.NabSeries)
        {
            foreach (var shingle in ForestRuns.Shingles)
            {
                cases.Add(reference, shingle);
            }
        }

        return cases;
    }

    [Fact]
    public void Score_is_zero_until_output_after_points_were_seen()
    {
        var forest = new Forest(new RandomCutForestOptions { NumberOfTrees = 10, OutputAfter = 16 });
        for (var i = 0; i < 16; i++)
        {
            Assert.False(forest.IsOutputReady);
            Assert.Equal(0, forest.Score([i % 5]));
            forest.Update([i % 5]);
        }

        Assert.True(forest.IsOutputReady);
        Assert.True(forest.Score([2]) > 0);
    }

    [Fact]
    public void Score_is_high_for_a_sudden_spike()
    {
        var forest = new Forest(new RandomCutForestOptions { NumberOfTrees = 30, SampleSize = 64 });
        var random = new Random(7);
        for (var i = 0; i < 1_000; i++)
        {
            forest.Update([20 + random.NextDouble()]);
        }

        var normal = forest.Score([20.5]);
        var spike = forest.Score([90]);
        Assert.InRange(normal, 0.1, 1.5);
        Assert.True(spike > 3, $"spike scored {spike}");
    }

    [Fact]
    public void Every_wind_spike_scores_at_least_3_at_shingle_1()
    {
        var scores = runs.Get("wind_synth", 1).Scores;
        var low = WindSpikes().Where(i => scores[i] < 3).Select(i => $"{i}: {scores[i]:F2}").ToArray();
        Assert.True(low.Length == 0, "spikes scoring below 3: " + string.Join(", ", low));
    }

    [Fact]
    public void At_most_8_normal_wind_points_score_3_or_more_at_shingle_1()
    {
        var scores = runs.Get("wind_synth", 1).Scores;
        var high = NormalWind(scores, 1).Count(i => scores[i] >= 3);
        Assert.InRange(high, 0, 8);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(8)]
    public void Median_normal_wind_score_is_within_0_05_of_the_reference(int shingle)
    {
        var reference = TestData.ReferenceScores("wind_synth", shingle);
        var scores = runs.Get("wind_synth", shingle).Scores;
        var referenceMedian = QualityMeasures.Median(NormalWind(reference, shingle).Select(i => reference[i]));
        var median = QualityMeasures.Median(NormalWind(scores, shingle).Select(i => scores[i]));
        Assert.InRange(median, referenceMedian - 0.05, referenceMedian + 0.05);
    }

    [Fact]
    public void Wind_spikes_rank_above_normal_points_with_auc_at_least_0_999_at_shingle_1()
    {
        var scores = runs.Get("wind_synth", 1).Scores;
        var auc = QualityMeasures.RocAuc(
            WindSpikes().Select(i => scores[i]).ToArray(), NormalWind(scores, 1).Select(i => scores[i]).ToArray());
        Assert.True(auc >= 0.999, $"AUC {auc:F4}");
    }

    [Theory]
    [MemberData(nameof(NabCases))]
    public void Nab_auc_is_no_worse_than_the_reference_minus_0_02(string series, int shingle)
    {
        var file = TestData.NabSeries.Single(s => s.Reference == series).File;
        var labels = TestData.Nab(file).InWindow;
        var referenceAuc = QualityMeasures.RocAuc(TestData.ReferenceScores(series, shingle), labels);
        var auc = QualityMeasures.RocAuc(runs.Get(series, shingle).Scores, labels);
        Assert.True(auc >= referenceAuc - 0.02, $"AUC {auc:F4}, reference {referenceAuc:F4}");
    }

    public static TheoryData<string, int> ReferenceRuns()
    {
        var cases = new TheoryData<string, int>();
        foreach (var series in TestData.NabSeries.Select(s => s.Reference).Append("wind_synth"))
        {
            foreach (var shingle in ForestRuns.Shingles)
            {
                cases.Add(series, shingle);
            }
        }

        return cases;
    }

    /// <summary>
    /// The forest draws its random numbers as the reference library does, so with the reference's seed (42) and
    /// settings it builds the same trees and gives the same score at every point (the files hold 6 decimals).
    /// </summary>
    [Theory]
    [MemberData(nameof(ReferenceRuns))]
    public void Seed_42_reproduces_the_reference_scores_point_for_point(string series, int shingle)
    {
        var reference = TestData.ReferenceScores(series, shingle);
        var scores = runs.Get(series, shingle).Scores;
        Assert.Equal(reference.Length, scores.Length);
        var differing = Enumerable.Range(0, scores.Length)
            .Where(i => Math.Abs(scores[i] - reference[i]) > 1e-6)
            .Select(i => $"{i}: {scores[i]:F6} vs {reference[i]:F6}")
            .Take(5)
            .ToArray();
        Assert.True(differing.Length == 0, "points scored differently from the reference: " + string.Join(", ", differing));
    }

    /// <summary>
    /// The runs above use the default cache fraction (0 at shingle 1, 1 above); the others give the same scores,
    /// since a box rebuilt from the points equals the cached one.
    /// </summary>
    [Theory]
    [InlineData(1, 1.0)]
    [InlineData(1, 0.5)]
    [InlineData(4, 0.5)]
    [InlineData(4, 0.0)]
    public void Every_cache_fraction_reproduces_the_reference_scores_on_wind_synth(int shingle, double fraction)
    {
        var reference = TestData.ReferenceScores("wind_synth", shingle);
        var forest = new Forest(ForestRuns.Options(shingle) with { BoundingBoxCacheFraction = fraction });

        var scores = ScoreAll(forest, TestData.WindSpeeds());

        Assert.Equal(reference.Length, scores.Length);
        var differing = Enumerable.Range(0, scores.Length).Count(i => Math.Abs(scores[i] - reference[i]) > 1e-6);
        Assert.Equal(0, differing);
    }

    [Fact]
    public void Same_seed_gives_identical_scores()
    {
        var speeds = TestData.WindSpeeds()[..3_000];
        var options = new RandomCutForestOptions { ShingleSize = 4, Seed = 123 };
        Assert.Equal(ScoreAll(new Forest(options), speeds), ScoreAll(new Forest(options), speeds));
    }

    [Fact]
    public void Different_seeds_give_different_scores()
    {
        var speeds = TestData.WindSpeeds()[..1_000];
        Assert.NotEqual(
            ScoreAll(new Forest(new RandomCutForestOptions { Seed = 1 }), speeds),
            ScoreAll(new Forest(new RandomCutForestOptions { Seed = 2 }), speeds));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Restoring_from_bytes_mid_stream_gives_identical_scores(int shingle)
    {
        var speeds = TestData.WindSpeeds()[..4_000];
        var options = new RandomCutForestOptions { ShingleSize = shingle, NumberOfTrees = 30 };
        var uninterrupted = ScoreAll(new Forest(options), speeds);

        var first = new Forest(options);
        var resumed = new double[speeds.Length];
        for (var i = 0; i < 2_500; i++)
        {
            resumed[i] = first.Score([speeds[i]]);
            first.Update([speeds[i]]);
        }

        var restored = Forest.FromBytes(first.ToBytes());
        for (var i = 2_500; i < speeds.Length; i++)
        {
            resumed[i] = restored.Score([speeds[i]]);
            restored.Update([speeds[i]]);
        }

        Assert.Equal(options, restored.Options);
        Assert.Equal(uninterrupted, resumed);
    }

    [Fact]
    public void Restoring_before_output_is_ready_gives_identical_scores()
    {
        var speeds = TestData.WindSpeeds()[..200];
        var options = new RandomCutForestOptions { ShingleSize = 8, NumberOfTrees = 10 };
        var forest = new Forest(options);
        for (var i = 0; i < 5; i++)
        {
            forest.Update([speeds[i]]);
        }

        var restored = Forest.FromBytes(forest.ToBytes());
        Assert.Equal(ScoreAll(forest, speeds[5..]), ScoreAll(restored, speeds[5..]));
    }

    [Fact]
    public void FromBytes_on_garbage_throws_a_clear_exception()
    {
        var garbage = new byte[500];
        new Random(3).NextBytes(garbage);
        var error = Assert.Throws<InvalidDataException>(() => Forest.FromBytes(garbage));
        Assert.Contains("not a Random Cut Forest checkpoint", error.Message);
        Assert.Throws<InvalidDataException>(() => Forest.FromBytes([]));
    }

    [Fact]
    public void FromBytes_on_an_unknown_version_names_the_version()
    {
        var bytes = new Forest(new RandomCutForestOptions { NumberOfTrees = 2 }).ToBytes();
        bytes[4] = 99;
        var error = Assert.Throws<InvalidDataException>(() => Forest.FromBytes(bytes));
        Assert.Contains("version 99", error.Message);
    }

    [Fact]
    public void FromBytes_on_a_truncated_or_corrupted_payload_throws_a_clear_exception()
    {
        var forest = new Forest(new RandomCutForestOptions { NumberOfTrees = 5, SampleSize = 32 });
        foreach (var speed in TestData.WindSpeeds()[..300])
        {
            forest.Update([speed]);
        }

        var bytes = forest.ToBytes();
        Assert.Throws<InvalidDataException>(() => Forest.FromBytes(bytes.AsSpan(0, bytes.Length - 7)));
        var random = new Random(11);
        for (var trial = 0; trial < 200; trial++)
        {
            var corrupted = (byte[])bytes.Clone();
            var at = random.Next(6, corrupted.Length);
            corrupted[at] ^= (byte)(1 << random.Next(8));
            try
            {
                Forest.FromBytes(corrupted);
            }
            catch (InvalidDataException)
            {
            }
        }
    }

    [Fact]
    public void Update_rejects_a_point_of_the_wrong_length_or_a_non_finite_value()
    {
        var forest = new Forest(new RandomCutForestOptions { Dimensions = 2, NumberOfTrees = 2 });
        var wrongLength = Assert.Throws<ArgumentException>(() => forest.Update([1.0]));
        Assert.Contains("expects 2", wrongLength.Message);
        Assert.Throws<ArgumentException>(() => forest.Update([1.0, double.NaN]));
    }

    [Fact]
    public void Attribution_sums_to_the_score_and_blames_the_high_side_of_a_spike()
    {
        var forest = new Forest(new RandomCutForestOptions { Dimensions = 2, ShingleSize = 2, NumberOfTrees = 30 });
        var random = new Random(5);
        for (var i = 0; i < 2_000; i++)
        {
            forest.Update([20 + random.NextDouble(), 5 + random.NextDouble()]);
        }

        double[] spike = [20.5, 40];
        var score = forest.Score(spike);
        var attribution = forest.GetAttribution(spike);
        Assert.Equal(score, attribution.Total, 6);
        Assert.True(attribution.High[1] > 0.8 * score, $"high[1] = {attribution.High[1]}, score {score}");
    }

    [Fact]
    public void Expected_value_of_a_spike_is_near_the_usual_level()
    {
        var forest = new Forest(new RandomCutForestOptions { NumberOfTrees = 30 });
        var random = new Random(9);
        for (var i = 0; i < 2_000; i++)
        {
            forest.Update([25 + 2 * random.NextDouble()]);
        }

        var expected = forest.GetExpectedValues([95])!;
        Assert.InRange(expected[0], 24.5, 27.5);
    }

    /// <summary>
    /// With more than 65,535 trees x sample entries the references take 32 bits instead of 16; each tree still
    /// scores as the same tree does in a smaller forest (a tree's cuts depend on its own seed, not on the store's
    /// slot numbers).
    /// </summary>
    [Fact]
    public void Trees_score_the_same_whether_references_take_16_or_32_bits()
    {
        var speeds = TestData.WindSpeeds()[..1_500];
        var narrow = new Forest(new RandomCutForestOptions { NumberOfTrees = 4, SampleSize = 1_024, BoundingBoxCacheFraction = 0.5 });
        var wide = new Forest(new RandomCutForestOptions { NumberOfTrees = 70, SampleSize = 1_024, BoundingBoxCacheFraction = 0.5 });
        foreach (var speed in speeds)
        {
            narrow.Update([speed]);
            wide.Update([speed]);
        }

        Assert.True(Forest.MaxStoredPoints(wide.Options) > ushort.MaxValue);
        foreach (var query in new float[] { 5, 20.5f, 31.262f, 95 })
        {
            for (var t = 0; t < narrow.Trees.Length; t++)
            {
                Assert.Equal(TreeScore(narrow.Trees[t], query), TreeScore(wide.Trees[t], query));
            }
        }
    }

    [Fact]
    public void Score_and_update_allocate_nothing_once_the_forest_is_full()
    {
        var speeds = TestData.WindSpeeds()[..6_000];
        var forest = new Forest(new RandomCutForestOptions { ShingleSize = 4 });
        ScoreAll(forest, speeds[..5_000]);
        var point = new double[1];

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 5_000; i < speeds.Length; i++)
        {
            point[0] = speeds[i];
            forest.Score(point);
            forest.Update(point);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 1_024, $"allocated {allocated} bytes over 1,000 points");
    }

    private static double TreeScore(RandomCutTree tree, float value)
    {
        float[] query = [value];
        var visitor = new ScoreVisitor(tree.Nodes, query, tree.Mass);
        tree.Traverse(query, new int[tree.Nodes.Capacity + 1], ref visitor);
        return visitor.Score;
    }

    private static double[] ScoreAll(Forest forest, double[] values)
    {
        var scores = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            scores[i] = forest.Score([values[i]]);
            forest.Update([values[i]]);
        }

        return scores;
    }

    private static int[] WindSpikes() => TestData.WindEvents().Where(e => e.Kind == "spike").Select(e => e.Index).ToArray();

    private static int[] NormalWind(double[] scores, int shingle) =>
        QualityMeasures.NormalIndexes(scores, TestData.WindEvents().Select(e => e.Index), shingle);
}
