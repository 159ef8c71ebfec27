using TurbineConsole.Rcf.Sampling;
using TurbineConsole.Rcf.Trees;

namespace TurbineConsole.Rcf.State;

/// <summary>
/// The forest checkpoint, format version 2, little-endian: magic "RCFS" (UInt32), version (UInt16), the options
/// (Dimensions, ShingleSize, NumberOfTrees, SampleSize as Int32; a byte telling whether TimeDecay is set and the
/// TimeDecay double; OutputAfter Int32; Seed Int64), the updates received (Int64), the shingle
/// (<see cref="ShingleBufferMapper"/>), the point store (<see cref="PointStoreMapper"/>), then per tree its sampler
/// (<see cref="ReservoirSamplerMapper"/>) and the tree (<see cref="RandomCutTreeMapper"/>).
/// </summary>
internal static class RandomCutForestMapper
{
    /// <summary>Magic number at the start of a forest checkpoint ("RCFS").</summary>
    public const uint Magic = 0x53464352;

    /// <summary>
    /// Current checkpoint format version. Version 1 (before the generator matched the reference's) is refused:
    /// a job whose forest cannot be read starts that forest again.
    /// </summary>
    public const ushort FormatVersion = 2;

    /// <summary>The checkpoint of <paramref name="forest"/>.</summary>
    public static byte[] ToBytes(RandomCutForest forest)
    {
        var writer = new StateWriter(EstimateSize(forest));
        Write(ref writer, forest);
        return writer.ToArray();
    }

    /// <summary>The forest of a checkpoint, which must end with it, caching the boxes of <paramref name="boundingBoxCacheFraction"/> of its nodes.</summary>
    public static RandomCutForest FromBytes(ReadOnlySpan<byte> bytes, double? boundingBoxCacheFraction)
    {
        var reader = new StateReader(bytes);
        var forest = Read(ref reader, boundingBoxCacheFraction);
        if (reader.Remaining != 0)
        {
            throw new InvalidDataException($"Forest checkpoint has {reader.Remaining} unexpected trailing bytes.");
        }

        return forest;
    }

    /// <summary>Writes <paramref name="forest"/>.</summary>
    public static void Write(ref StateWriter writer, RandomCutForest forest)
    {
        writer.WriteUInt32(Magic);
        writer.WriteUInt16(FormatVersion);
        var o = forest.Options;
        writer.WriteInt32(o.Dimensions);
        writer.WriteInt32(o.ShingleSize);
        writer.WriteInt32(o.NumberOfTrees);
        writer.WriteInt32(o.SampleSize);
        writer.WriteByte(o.TimeDecay.HasValue ? (byte)1 : (byte)0);
        writer.WriteDouble(o.TimeDecay ?? 0);
        writer.WriteInt32(o.OutputAfter);
        writer.WriteInt64(o.Seed);
        writer.WriteInt64(forest.TotalUpdates);
        ShingleBufferMapper.Write(ref writer, forest.Shingle);
        PointStoreMapper.Write(ref writer, forest.Store);
        var stack = new int[o.SampleSize + 1];
        var trees = forest.Trees;
        var samplers = forest.Samplers;
        for (var t = 0; t < trees.Length; t++)
        {
            ReservoirSamplerMapper.Write(ref writer, samplers[t]);
            RandomCutTreeMapper.Write(ref writer, trees[t], stack);
        }
    }

    /// <summary>
    /// Reads a forest, checking that its parts agree with each other; it caches the boxes of
    /// <paramref name="boundingBoxCacheFraction"/> of its nodes (a setting of this process, not of the checkpoint).
    /// </summary>
    public static RandomCutForest Read(ref StateReader reader, double? boundingBoxCacheFraction)
    {
        if (reader.Remaining < 6 || reader.ReadUInt32() != Magic)
        {
            throw new InvalidDataException("Payload is not a Random Cut Forest checkpoint (bad magic number).");
        }

        var version = reader.ReadUInt16();
        if (version != FormatVersion)
        {
            throw new InvalidDataException(
                $"Random Cut Forest checkpoint version {version} is not supported (expected {FormatVersion}).");
        }

        var options = ReadOptions(ref reader) with { BoundingBoxCacheFraction = boundingBoxCacheFraction };
        var totalUpdates = reader.ReadInt64();
        if (totalUpdates < 0)
        {
            throw new InvalidDataException("Update count is negative.");
        }

        var shingle = ShingleBufferMapper.Read(ref reader, options.Dimensions, options.ShingleSize);
        var store = PointStoreMapper.Read(
            ref reader, options.ShingledDimensions, RandomCutForest.MaxStoredPoints(options));
        var trees = new RandomCutTree[options.NumberOfTrees];
        var samplers = new ReservoirSampler[options.NumberOfTrees];
        var stack = new int[options.SampleSize + 1];
        var references = new int[store.Capacity];
        var leafMarks = new int[store.Capacity];
        for (var t = 0; t < options.NumberOfTrees; t++)
        {
            samplers[t] = ReservoirSamplerMapper.Read(ref reader, options.SampleSize, options.EffectiveTimeDecay, store);
            trees[t] = RandomCutTreeMapper.Read(
                ref reader,
                store,
                options.SampleSize,
                options.EffectiveBoundingBoxCacheFraction,
                stack,
                leafMarks,
                mark: t + 1);
            if (trees[t].Mass != samplers[t].Size)
            {
                throw new InvalidDataException($"Tree {t} and its sample disagree on the number of points.");
            }

            for (var i = 0; i < samplers[t].Size; i++)
            {
                references[samplers[t].PointIndex(i)]++;
            }
        }

        for (var i = 0; i < references.Length; i++)
        {
            if (store.IsUsed(i) && store.RefCount(i) != references[i])
            {
                throw new InvalidDataException("Point store reference counts do not match the samples.");
            }
        }

        return new RandomCutForest(options, shingle, store, trees, samplers, totalUpdates);
    }

    private static RandomCutForestOptions ReadOptions(ref StateReader reader)
    {
        try
        {
            var options = new RandomCutForestOptions
            {
                Dimensions = reader.ReadInt32(),
                ShingleSize = reader.ReadInt32(),
                NumberOfTrees = reader.ReadInt32(),
                SampleSize = reader.ReadInt32(),
                TimeDecay = reader.ReadByte() == 1 ? reader.ReadDouble() : SkipDouble(ref reader),
                OutputAfter = reader.ReadInt32(),
                Seed = reader.ReadInt64(),
            };
            options.Validate();
            return options;
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"Random Cut Forest checkpoint has invalid options: {e.Message}", e);
        }
    }

    private static double? SkipDouble(ref StateReader reader)
    {
        reader.ReadDouble();
        return null;
    }

    private static int EstimateSize(RandomCutForest forest) =>
        64 + forest.Store.Capacity * (8 + 4 * forest.Options.ShingledDimensions)
        + forest.Options.NumberOfTrees * forest.Options.SampleSize * 24;
}
