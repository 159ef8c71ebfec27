namespace TurbineConsole.Rcf.State;

/// <summary>
/// The thresholded forest checkpoint, format version 1, little-endian: magic "TRCF" (UInt32), version (UInt16), the
/// grade options (ZFactor, LowerThreshold, ScoreDecay as doubles, MinimumScores Int32), the forest
/// (<see cref="RandomCutForestMapper"/>), then the threshold's statistics (<see cref="ScoreThresholderMapper"/>).
/// </summary>
internal static class ThresholdedRandomCutForestMapper
{
    /// <summary>Magic number at the start of a thresholded checkpoint ("TRCF").</summary>
    public const uint Magic = 0x46435254;

    /// <summary>Current checkpoint format version.</summary>
    public const ushort FormatVersion = 1;

    /// <summary>The checkpoint of <paramref name="detector"/>.</summary>
    public static byte[] ToBytes(ThresholdedRandomCutForest detector)
    {
        var writer = new StateWriter(64 * 1024);
        var grade = detector.GradeOptions;
        writer.WriteUInt32(Magic);
        writer.WriteUInt16(FormatVersion);
        writer.WriteDouble(grade.ZFactor);
        writer.WriteDouble(grade.LowerThreshold);
        writer.WriteDouble(grade.ScoreDecay);
        writer.WriteInt32(grade.MinimumScores);
        RandomCutForestMapper.Write(ref writer, detector.Forest);
        ScoreThresholderMapper.Write(ref writer, detector.Thresholder);
        return writer.ToArray();
    }

    /// <summary>The detector of a checkpoint, which must end with it, caching the boxes of <paramref name="boundingBoxCacheFraction"/> of its nodes.</summary>
    public static ThresholdedRandomCutForest FromBytes(ReadOnlySpan<byte> bytes, double? boundingBoxCacheFraction)
    {
        var reader = new StateReader(bytes);
        if (reader.Remaining < 6 || reader.ReadUInt32() != Magic)
        {
            throw new InvalidDataException("Payload is not a thresholded Random Cut Forest checkpoint (bad magic number).");
        }

        var version = reader.ReadUInt16();
        if (version != FormatVersion)
        {
            throw new InvalidDataException(
                $"Thresholded Random Cut Forest checkpoint version {version} is not supported (expected {FormatVersion}).");
        }

        var gradeOptions = ReadGradeOptions(ref reader);
        var forest = RandomCutForestMapper.Read(ref reader, boundingBoxCacheFraction);
        var thresholder = ScoreThresholderMapper.Read(ref reader, gradeOptions, forest.Options.ShingleSize);
        if (reader.Remaining != 0)
        {
            throw new InvalidDataException($"Checkpoint has {reader.Remaining} unexpected trailing bytes.");
        }

        return new ThresholdedRandomCutForest(forest, gradeOptions, thresholder);
    }

    private static AnomalyGradeOptions ReadGradeOptions(ref StateReader reader)
    {
        try
        {
            var gradeOptions = new AnomalyGradeOptions
            {
                ZFactor = reader.ReadDouble(),
                LowerThreshold = reader.ReadDouble(),
                ScoreDecay = reader.ReadDouble(),
                MinimumScores = reader.ReadInt32(),
            };
            gradeOptions.Validate();
            return gradeOptions;
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"Checkpoint has invalid grade options: {e.Message}", e);
        }
    }
}
