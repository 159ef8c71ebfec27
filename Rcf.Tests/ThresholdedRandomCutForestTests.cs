namespace TurbineConsole.Rcf.Tests;

[Collection(ForestRunsCollection.Name)]
public sealed class ThresholdedRandomCutForestTests(ForestRuns runs)
{
    [Fact]
    public void Grade_flags_every_wind_spike_with_fewer_false_flags_than_a_fixed_threshold_of_2()
    {
        var (scores, grades) = runs.Get("wind_synth", 1);
        var events = TestData.WindEvents();
        var spikes = events.Where(e => e.Kind == "spike").Select(e => e.Index).ToArray();
        var normal = QualityMeasures.NormalIndexes(scores, events.Select(e => e.Index), 1);

        Assert.All(spikes, i => Assert.True(grades[i] > 0, $"spike {i} (score {scores[i]:F2}) not flagged"));
        var falseFlags = normal.Count(i => grades[i] > 0);
        var fixedThresholdFlags = normal.Count(i => scores[i] >= 2);
        Assert.True(falseFlags < fixedThresholdFlags, $"grade flags {falseFlags}, fixed threshold {fixedThresholdFlags}");
    }

    [Fact]
    public void Grade_is_between_0_and_1()
    {
        var (_, grades) = runs.Get("wind_synth", 1);
        Assert.All(grades, g => Assert.InRange(g, 0, 1));
    }

    [Fact]
    public void Anomalies_come_with_expected_values_and_attribution_and_normal_points_without()
    {
        var detector = new ThresholdedRandomCutForest(new RandomCutForestOptions { NumberOfTrees = 30 });
        var random = new Random(2);
        AnomalyDescriptor normal = null!;
        for (var i = 0; i < 1_500; i++)
        {
            normal = detector.Process([20 + random.NextDouble()]);
        }

        var spike = detector.Process([80]);

        Assert.Equal(0, normal.Grade);
        Assert.Null(normal.ExpectedValues);
        Assert.Null(normal.Attribution);
        Assert.True(spike.IsAnomaly);
        Assert.InRange(spike.ExpectedValues![0], 19.5, 21.5);
        Assert.True(spike.Attribution!.High[0] > 0.9 * spike.Score);
    }

    [Fact]
    public void Restoring_from_bytes_mid_stream_gives_identical_results()
    {
        var speeds = TestData.WindSpeeds()[..4_000];
        var options = new RandomCutForestOptions { NumberOfTrees = 30 };
        var uninterrupted = new ThresholdedRandomCutForest(options);
        var first = new ThresholdedRandomCutForest(options);
        var expected = speeds.Select(s => uninterrupted.Process([s])).ToArray();

        var actual = new List<AnomalyDescriptor>();
        for (var i = 0; i < 1_781; i++)
        {
            actual.Add(first.Process([speeds[i]]));
        }

        var restored = ThresholdedRandomCutForest.FromBytes(first.ToBytes());
        for (var i = 1_781; i < speeds.Length; i++)
        {
            actual.Add(restored.Process([speeds[i]]));
        }

        Assert.Equal(expected.Select(d => (d.Score, d.Grade, d.Threshold)), actual.Select(d => (d.Score, d.Grade, d.Threshold)));
        Assert.Equal(expected[1_781].ExpectedValues, actual[1_781].ExpectedValues);
    }

    [Fact]
    public void FromBytes_on_garbage_throws_a_clear_exception()
    {
        var error = Assert.Throws<InvalidDataException>(() => ThresholdedRandomCutForest.FromBytes([1, 2, 3, 4, 5, 6, 7, 8]));
        Assert.Contains("not a thresholded Random Cut Forest checkpoint", error.Message);
        var forestOnly = new RandomCutForest(new RandomCutForestOptions()).ToBytes();
        Assert.Throws<InvalidDataException>(() => ThresholdedRandomCutForest.FromBytes(forestOnly));
    }
}
