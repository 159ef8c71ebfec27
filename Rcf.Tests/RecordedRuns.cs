using System.Globalization;
using System.Text;

namespace TurbineConsole.Rcf.Tests;

/// <summary>
/// Small fixed runs whose checkpoints and explanations were recorded under Data/recorded by the code before the
/// library was restructured (commit d6e7afb), so that a change of the checkpoint bytes, the scores, the attribution
/// or the expected values shows up as a difference from those files.
/// </summary>
internal static class RecordedRuns
{
    /// <summary>Folder of the recorded files in the test output directory.</summary>
    public static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Data", "recorded");

    /// <summary>Points of wind_synth fed to each recorded run.</summary>
    public const int Points = 600;

    /// <summary>
    /// Bounding-box cache fractions the recorded runs are repeated with (null: the default, 0 at shingle 1 and 1
    /// above): every one must give the recorded results, since the fraction trades memory for speed only.
    /// </summary>
    public static TheoryData<double?> CacheFractions => new() { 1.0, 0.5, 0.0, null };

    /// <summary>The forest of forest_s4.bin: shingle 4, 5 trees of 32 points, seed 7.</summary>
    public static RandomCutForestOptions ForestOptions => new() { ShingleSize = 4, NumberOfTrees = 5, SampleSize = 32, Seed = 7 };

    /// <summary>The detector of thresholded_s1.bin: shingle 1, 5 trees of 32 points, seed 7.</summary>
    public static RandomCutForestOptions ThresholdedOptions => new() { NumberOfTrees = 5, SampleSize = 32, Seed = 7 };

    /// <summary>A forest (caching the given fraction of boxes) that has scored and added the first <see cref="Points"/> wind readings.</summary>
    public static RandomCutForest Forest(double? cacheFraction = null)
    {
        var forest = new RandomCutForest(ForestOptions with { BoundingBoxCacheFraction = cacheFraction });
        foreach (var speed in TestData.WindSpeeds()[..Points])
        {
            forest.Score([speed]);
            forest.Update([speed]);
        }

        return forest;
    }

    /// <summary>A detector (caching the given fraction of boxes) that has processed the first <see cref="Points"/> wind readings.</summary>
    public static ThresholdedRandomCutForest Thresholded(double? cacheFraction = null)
    {
        var detector = new ThresholdedRandomCutForest(ThresholdedOptions with { BoundingBoxCacheFraction = cacheFraction });
        foreach (var speed in TestData.WindSpeeds()[..Points])
        {
            detector.Process([speed]);
        }

        return detector;
    }

    /// <summary>
    /// Per point after the first 100, for three forests (one dimension at shingle 1 and 4, two dimensions at
    /// shingle 2): the score, the attribution and the expected values, one CSV line each, doubles round-trippable.
    /// The forests cache the boxes of <paramref name="cacheFraction"/> of their nodes.
    /// </summary>
    public static string Explanations(double? cacheFraction = null)
    {
        var speeds = TestData.WindSpeeds();
        var text = new StringBuilder("run,index,score,high,low,expected\n");
        foreach (var (name, options) in new (string, RandomCutForestOptions)[]
                 {
                     ("d1_s1", new() { NumberOfTrees = 10, SampleSize = 64, Seed = 3 }),
                     ("d1_s4", new() { ShingleSize = 4, NumberOfTrees = 10, SampleSize = 64, Seed = 3 }),
                     ("d2_s2", new() { Dimensions = 2, ShingleSize = 2, NumberOfTrees = 10, SampleSize = 64, Seed = 3 }),
                 })
        {
            var forest = new RandomCutForest(options with { BoundingBoxCacheFraction = cacheFraction });
            for (var i = 0; i < Points; i++)
            {
                // The second dimension is a later stretch of the same series, with a spike every 97 points.
                double[] point = options.Dimensions == 1
                    ? [speeds[i]]
                    : [speeds[i], speeds[3_000 + i] + (i % 97 == 96 ? 40 : 0)];
                if (i >= 100)
                {
                    var attribution = forest.GetAttribution(point);
                    text.Append(CultureInfo.InvariantCulture, $"{name},{i},{R(forest.Score(point))},")
                        .Append(Join(attribution.High)).Append(',')
                        .Append(Join(attribution.Low)).Append(',')
                        .Append(Join(forest.GetExpectedValues(point)!)).Append('\n');
                }

                forest.Update(point);
            }
        }

        return text.ToString();
    }

    private static string Join(double[] values) => string.Join(' ', values.Select(R));

    private static string R(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
