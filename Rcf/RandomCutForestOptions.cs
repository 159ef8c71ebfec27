namespace TurbineConsole.Rcf;

/// <summary>Settings of a streaming Random Cut Forest; immutable and reusable across forests.</summary>
public sealed record RandomCutForestOptions
{
    /// <summary>Largest sample size the compact 16-bit node references can address.</summary>
    public const int MaxSampleSize = 32_767;

    /// <summary>Largest number of coordinates (Dimensions x ShingleSize) of a shingled point.</summary>
    public const int MaxShingledDimensions = 1_024;

    /// <summary>Values per input point, before shingling.</summary>
    public int Dimensions { get; init; } = 1;

    /// <summary>Number of consecutive input points concatenated into one point of the forest.</summary>
    public int ShingleSize { get; init; } = 1;

    /// <summary>Number of trees; the score is their average.</summary>
    public int NumberOfTrees { get; init; } = 50;

    /// <summary>Points each tree keeps in its time-decayed reservoir sample.</summary>
    public int SampleSize { get; init; } = 256;

    /// <summary>Rate at which old points lose priority in the sample; null means 1 / (10 x SampleSize).</summary>
    public double? TimeDecay { get; init; }

    /// <summary>Number of updates before scores are produced; until then Score returns 0.</summary>
    public int OutputAfter { get; init; } = 32;

    /// <summary>Seed of all randomness in the forest; the same seed and input give the same scores.</summary>
    public long Seed { get; init; } = 42;

    /// <summary>
    /// Fraction (0 to 1) of each tree's internal nodes that keep their bounding box; the others rebuild it from the
    /// points below them when a score, an explanation or an update needs it. Memory against speed only: every
    /// fraction gives the same scores, attributions, expected values and checkpoints. Null (the default) means 0 for
    /// points of one coordinate, where a box is rebuilt by two short walks down the edges of its subtree, and 1 (the
    /// reference's default) otherwise, where a rebuild visits the subtree. Not saved in checkpoints (FromBytes takes it).
    /// </summary>
    public double? BoundingBoxCacheFraction { get; init; }

    /// <summary>The time decay in effect: TimeDecay, or 1 / (10 x SampleSize) when it is null.</summary>
    public double EffectiveTimeDecay => TimeDecay ?? 1.0 / (10.0 * SampleSize);

    /// <summary>The bounding-box cache fraction in effect: BoundingBoxCacheFraction, or 0 for points of one coordinate and 1 otherwise when it is null.</summary>
    public double EffectiveBoundingBoxCacheFraction => BoundingBoxCacheFraction ?? (ShingledDimensions == 1 ? 0.0 : 1.0);

    /// <summary>Coordinates of a shingled point: Dimensions x ShingleSize.</summary>
    public int ShingledDimensions => Dimensions * ShingleSize;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first setting that is out of range.</summary>
    public void Validate()
    {
        if (Dimensions < 1)
        {
            throw new ArgumentException($"Dimensions must be at least 1 (got {Dimensions}).", nameof(Dimensions));
        }

        if (ShingleSize < 1)
        {
            throw new ArgumentException($"ShingleSize must be at least 1 (got {ShingleSize}).", nameof(ShingleSize));
        }

        if ((long)Dimensions * ShingleSize > MaxShingledDimensions)
        {
            throw new ArgumentException(
                $"Dimensions x ShingleSize must be at most {MaxShingledDimensions} (got {(long)Dimensions * ShingleSize}).",
                nameof(ShingleSize));
        }

        if (NumberOfTrees < 1)
        {
            throw new ArgumentException($"NumberOfTrees must be at least 1 (got {NumberOfTrees}).", nameof(NumberOfTrees));
        }

        if (SampleSize < 2 || SampleSize > MaxSampleSize)
        {
            throw new ArgumentException(
                $"SampleSize must be between 2 and {MaxSampleSize} (got {SampleSize}).", nameof(SampleSize));
        }

        if ((long)NumberOfTrees * SampleSize > int.MaxValue / 2)
        {
            throw new ArgumentException(
                $"NumberOfTrees x SampleSize is too large (got {(long)NumberOfTrees * SampleSize}).", nameof(NumberOfTrees));
        }

        if (TimeDecay is { } decay && (!double.IsFinite(decay) || decay < 0))
        {
            throw new ArgumentException($"TimeDecay must be a finite number >= 0 (got {decay}).", nameof(TimeDecay));
        }

        if (OutputAfter < 1)
        {
            throw new ArgumentException($"OutputAfter must be at least 1 (got {OutputAfter}).", nameof(OutputAfter));
        }

        ValidateBoundingBoxCacheFraction(BoundingBoxCacheFraction);
    }

    /// <summary>Throws an <see cref="ArgumentException"/> unless <paramref name="fraction"/> is null or a number from 0 to 1.</summary>
    public static void ValidateBoundingBoxCacheFraction(double? fraction)
    {
        if (fraction is { } value && !(value is >= 0 and <= 1))
        {
            throw new ArgumentException(
                $"BoundingBoxCacheFraction must be between 0 and 1 (got {fraction}).", nameof(BoundingBoxCacheFraction));
        }
    }
}
