using TurbineConsole.Rcf.State;
using TurbineConsole.Rcf.Thresholding;

namespace TurbineConsole.Rcf;

/// <summary>
/// A <see cref="RandomCutForest"/> with an adaptive threshold, in the spirit of the reference's
/// ThresholdedRandomCutForest: each point is scored, graded, explained (attribution and expected values when
/// anomalous) and then added. Not thread-safe; use one instance per stream.
/// </summary>
public sealed class ThresholdedRandomCutForest
{
    /// <summary>The forest.</summary>
    private readonly RandomCutForest _forest;

    /// <summary>The adaptive threshold.</summary>
    private readonly ScoreThresholder _thresholder;

    /// <summary>Creates an empty detector; throws <see cref="ArgumentException"/> for invalid options.</summary>
    public ThresholdedRandomCutForest(RandomCutForestOptions options, AnomalyGradeOptions? gradeOptions = null)
        : this(new RandomCutForest(options), ValidatedGrade(gradeOptions), thresholder: null)
    {
    }

    /// <summary>Creates a detector from its parts (a restore, or a new detector when <paramref name="thresholder"/> is null).</summary>
    internal ThresholdedRandomCutForest(
        RandomCutForest forest, AnomalyGradeOptions gradeOptions, ScoreThresholder? thresholder)
    {
        _forest = forest;
        GradeOptions = gradeOptions;
        _thresholder = thresholder ?? new ScoreThresholder(gradeOptions, forest.Options.ShingleSize);
    }

    /// <summary>The forest's settings.</summary>
    public RandomCutForestOptions Options => _forest.Options;

    /// <summary>The threshold's settings.</summary>
    public AnomalyGradeOptions GradeOptions { get; }

    /// <summary>The underlying forest (for inspection; updating it directly bypasses the threshold).</summary>
    public RandomCutForest Forest => _forest;

    /// <summary>The adaptive threshold.</summary>
    internal ScoreThresholder Thresholder => _thresholder;

    /// <summary>Scores and grades <paramref name="point"/>, explains it when anomalous, then adds it to the forest.</summary>
    public AnomalyDescriptor Process(ReadOnlySpan<double> point)
    {
        var score = _forest.Score(point);
        var grade = _thresholder.Grade(score, out var threshold);
        double[]? expected = null;
        Attribution? attribution = null;
        if (grade > 0)
        {
            attribution = _forest.GetAttribution(point);
            expected = _forest.GetExpectedValues(point);
        }

        _forest.Update(point);
        return new AnomalyDescriptor(score, grade, threshold, expected, attribution);
    }

    /// <summary>Saves the forest and the threshold's state.</summary>
    public byte[] ToBytes() => ThresholdedRandomCutForestMapper.ToBytes(this);

    /// <summary>
    /// Restores a detector saved by <see cref="ToBytes"/>; it continues with the same results as the original.
    /// Throws <see cref="InvalidDataException"/> for a payload that is not such a checkpoint of a known version.
    /// The restored forest has the default (null) <see cref="RandomCutForestOptions.BoundingBoxCacheFraction"/>.
    /// </summary>
    public static ThresholdedRandomCutForest FromBytes(ReadOnlySpan<byte> bytes) =>
        ThresholdedRandomCutForestMapper.FromBytes(bytes, null);

    /// <summary>
    /// Restores a detector saved by <see cref="ToBytes"/> with the given
    /// <see cref="RandomCutForestOptions.BoundingBoxCacheFraction"/> (any fraction continues with the same results).
    /// Throws <see cref="ArgumentException"/> for a fraction outside [0, 1], <see cref="InvalidDataException"/> for a
    /// payload that is not such a checkpoint of a known version.
    /// </summary>
    public static ThresholdedRandomCutForest FromBytes(ReadOnlySpan<byte> bytes, double? boundingBoxCacheFraction)
    {
        RandomCutForestOptions.ValidateBoundingBoxCacheFraction(boundingBoxCacheFraction);
        return ThresholdedRandomCutForestMapper.FromBytes(bytes, boundingBoxCacheFraction);
    }

    private static AnomalyGradeOptions ValidatedGrade(AnomalyGradeOptions? options)
    {
        options ??= new AnomalyGradeOptions();
        options.Validate();
        return options;
    }
}
