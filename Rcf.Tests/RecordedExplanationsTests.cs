namespace TurbineConsole.Rcf.Tests;

public sealed class RecordedExplanationsTests
{
    /// <summary>
    /// Scores, attributions and expected values of three small forests (one and two dimensions, shingles 1, 2 and 4)
    /// at 500 points each are those recorded before the restructure, to the last bit, whatever share of the boxes
    /// the trees cache.
    /// </summary>
    [Theory]
    [MemberData(nameof(RecordedRuns.CacheFractions), MemberType = typeof(RecordedRuns))]
    public void Scores_attributions_and_expected_values_are_those_recorded_before_the_restructure(double? cacheFraction)
    {
        var recorded = File.ReadAllLines(Path.Combine(RecordedRuns.Folder, "explanations.csv"));

        var computed = RecordedRuns.Explanations(cacheFraction).TrimEnd('\n').Split('\n');

        Assert.Equal(recorded.Length, computed.Length);
        var differing = Enumerable.Range(0, recorded.Length).Where(i => recorded[i] != computed[i])
            .Select(i => $"recorded {recorded[i]} / computed {computed[i]}").Take(3).ToArray();
        Assert.True(differing.Length == 0, string.Join("\n", differing));
    }
}
