namespace TurbineConsole.Rcf.Tests.State;

/// <summary>
/// The checkpoint format (version 2) is a contract with every saved job state: the files under Data/recorded were
/// written by the code before the restructure and must be written byte for byte and read back the same way, whatever
/// share of the boxes the trees cache (the fraction is not part of the format).
/// </summary>
public sealed class CheckpointFormatTests
{
    [Theory]
    [MemberData(nameof(RecordedRuns.CacheFractions), MemberType = typeof(RecordedRuns))]
    public void A_forest_writes_the_bytes_recorded_before_the_restructure(double? cacheFraction)
    {
        var recorded = File.ReadAllBytes(Path.Combine(RecordedRuns.Folder, "forest_s4.bin"));

        var written = RecordedRuns.Forest(cacheFraction).ToBytes();

        Assert.Equal(recorded, written);
    }

    [Theory]
    [MemberData(nameof(RecordedRuns.CacheFractions), MemberType = typeof(RecordedRuns))]
    public void A_forest_saved_before_the_restructure_loads_and_scores_as_an_uninterrupted_one(double? cacheFraction)
    {
        var recorded = File.ReadAllBytes(Path.Combine(RecordedRuns.Folder, "forest_s4.bin"));
        var speeds = TestData.WindSpeeds()[..(RecordedRuns.Points + 1_000)];
        var uninterrupted = new RandomCutForest(RecordedRuns.ForestOptions);
        var expected = new double[speeds.Length];
        for (var i = 0; i < speeds.Length; i++)
        {
            expected[i] = uninterrupted.Score([speeds[i]]);
            uninterrupted.Update([speeds[i]]);
        }

        var restored = RandomCutForest.FromBytes(recorded, cacheFraction);
        var resumed = new double[speeds.Length - RecordedRuns.Points];
        for (var i = RecordedRuns.Points; i < speeds.Length; i++)
        {
            resumed[i - RecordedRuns.Points] = restored.Score([speeds[i]]);
            restored.Update([speeds[i]]);
        }

        Assert.Equal(RecordedRuns.ForestOptions with { BoundingBoxCacheFraction = cacheFraction }, restored.Options);
        Assert.Equal(expected[RecordedRuns.Points..], resumed);
    }

    [Theory]
    [MemberData(nameof(RecordedRuns.CacheFractions), MemberType = typeof(RecordedRuns))]
    public void A_thresholded_forest_writes_the_bytes_recorded_before_the_restructure(double? cacheFraction)
    {
        var recorded = File.ReadAllBytes(Path.Combine(RecordedRuns.Folder, "thresholded_s1.bin"));

        var written = RecordedRuns.Thresholded(cacheFraction).ToBytes();

        Assert.Equal(recorded, written);
    }

    [Theory]
    [MemberData(nameof(RecordedRuns.CacheFractions), MemberType = typeof(RecordedRuns))]
    public void A_thresholded_forest_saved_before_the_restructure_loads_and_grades_as_an_uninterrupted_one(double? cacheFraction)
    {
        var recorded = File.ReadAllBytes(Path.Combine(RecordedRuns.Folder, "thresholded_s1.bin"));
        var speeds = TestData.WindSpeeds()[..(RecordedRuns.Points + 1_000)];
        var uninterrupted = new ThresholdedRandomCutForest(RecordedRuns.ThresholdedOptions);
        var expected = speeds.Select(s => uninterrupted.Process([s])).ToArray();

        var restored = ThresholdedRandomCutForest.FromBytes(recorded, cacheFraction);
        var resumed = speeds[RecordedRuns.Points..].Select(s => restored.Process([s])).ToArray();

        Assert.Equal(
            expected[RecordedRuns.Points..].Select(d => (d.Score, d.Grade, d.Threshold, d.ExpectedValues?.FirstOrDefault())),
            resumed.Select(d => (d.Score, d.Grade, d.Threshold, d.ExpectedValues?.FirstOrDefault())));
    }
}
