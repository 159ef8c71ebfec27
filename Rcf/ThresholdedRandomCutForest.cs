namespace TurbineConsole.Rcf;

/// <summary>
/// A <see cref="RandomCutForest"/> with an adaptive threshold, in the spirit of the reference's
/// ThresholdedRandomCutForest: each point is scored, graded, explained (attribution and expected values when
/// anomalous) and then added. Not thread-safe; use one instance per stream.
/// </summary>
public sealed class ThresholdedRandomCutForest
{
    /// <summary>Magic number at the start of a thresholded checkpoint ("TRCF").</summary>
    private const uint Magic = 0x46435254;

    /// <summary>Current checkpoint format version.</summary>
    private const ushort FormatVersion = 1;

    /// <summary>The forest.</summary>
    private readonly RandomCutForest _forest;

    /// <summary>The adaptive threshold.</summary>
    private readonly ScoreThresholder _thresholder;

    /// <summary>Creates an empty detector; throws <see cref="ArgumentException"/> for invalid options.</summary>
    public ThresholdedRandomCutForest(RandomCutForestOptions options, AnomalyGradeOptions? gradeOptions = null)
        : this(new RandomCutForest(options), ValidatedGrade(gradeOptions), thresholder: null)
    {
    }

    private ThresholdedRandomCutForest(
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

    /// <summary>Scores and grades <paramref name="point"/>, explains it when anomalous, then adds it to the forest.</summary>
    public AnomalyDescriptor Process(ReadOnlySpan<double> point)
    {
        double score = _forest.Score(point);
        double grade = _thresholder.Grade(score, out double threshold);
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
    public byte[] ToBytes()
    {
        var writer = new StateWriter(64 * 1024);
        writer.WriteUInt32(Magic);
        writer.WriteUInt16(FormatVersion);
        writer.WriteDouble(GradeOptions.ZFactor);
        writer.WriteDouble(GradeOptions.LowerThreshold);
        writer.WriteDouble(GradeOptions.ScoreDecay);
        writer.WriteInt32(GradeOptions.MinimumScores);
        _forest.Write(ref writer);
        _thresholder.Write(ref writer);
        return writer.ToArray();
    }

    /// <summary>
    /// Restores a detector saved by <see cref="ToBytes"/>; it continues with the same results as the original.
    /// Throws <see cref="InvalidDataException"/> for a payload that is not such a checkpoint of a known version.
    /// </summary>
    public static ThresholdedRandomCutForest FromBytes(ReadOnlySpan<byte> bytes)
    {
        var reader = new StateReader(bytes);
        if (reader.Remaining < 6 || reader.ReadUInt32() != Magic)
        {
            throw new InvalidDataException("Payload is not a thresholded Random Cut Forest checkpoint (bad magic number).");
        }

        ushort version = reader.ReadUInt16();
        if (version != FormatVersion)
        {
            throw new InvalidDataException(
                $"Thresholded Random Cut Forest checkpoint version {version} is not supported (expected {FormatVersion}).");
        }

        AnomalyGradeOptions gradeOptions;
        try
        {
            gradeOptions = new AnomalyGradeOptions
            {
                ZFactor = reader.ReadDouble(),
                LowerThreshold = reader.ReadDouble(),
                ScoreDecay = reader.ReadDouble(),
                MinimumScores = reader.ReadInt32(),
            };
            gradeOptions.Validate();
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"Checkpoint has invalid grade options: {e.Message}", e);
        }

        RandomCutForest forest = RandomCutForest.Read(ref reader);
        ScoreThresholder thresholder = ScoreThresholder.Read(ref reader, gradeOptions, forest.Options.ShingleSize);
        if (reader.Remaining != 0)
        {
            throw new InvalidDataException($"Checkpoint has {reader.Remaining} unexpected trailing bytes.");
        }

        return new ThresholdedRandomCutForest(forest, gradeOptions, thresholder);
    }

    private static AnomalyGradeOptions ValidatedGrade(AnomalyGradeOptions? options)
    {
        options ??= new AnomalyGradeOptions();
        options.Validate();
        return options;
    }
}
