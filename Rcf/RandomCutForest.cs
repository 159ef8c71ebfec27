namespace TurbineConsole.Rcf;

/// <summary>
/// A streaming Random Cut Forest (Guha et al., ICML 2016) with the semantics of random-cut-forest-by-aws 4.x:
/// internal shingling, one time-decayed reservoir sample per tree, and the standard displacement-based score.
/// Not thread-safe; use one instance per stream.
/// </summary>
public sealed class RandomCutForest
{
    /// <summary>Magic number at the start of a forest checkpoint ("RCFS").</summary>
    internal const uint Magic = 0x53464352;

    /// <summary>
    /// Current checkpoint format version. Version 1 (before the generator matched the reference's) is refused:
    /// a job whose forest cannot be read starts that forest again.
    /// </summary>
    internal const ushort FormatVersion = 2;

    /// <summary>Coordinates of a shingled point.</summary>
    private readonly int _shingledDims;

    /// <summary>Points shared by all trees.</summary>
    private readonly PointStore _store;

    /// <summary>The trees.</summary>
    private readonly RandomCutTree[] _trees;

    /// <summary>Each tree's sample, parallel to <see cref="_trees"/>.</summary>
    private readonly ReservoirSampler[] _samplers;

    /// <summary>The last input points.</summary>
    private readonly ShingleBuffer _shingle;

    /// <summary>Scratch: path from the root to a leaf.</summary>
    private readonly int[] _path;

    /// <summary>Scratch: the shingled point being scored or added.</summary>
    private readonly float[] _query;

    /// <summary>Input points received by <see cref="Update"/>.</summary>
    private long _totalUpdates;

    /// <summary>Cached once true: scores are being produced.</summary>
    private bool _outputReady;

    /// <summary>Creates an empty forest; throws <see cref="ArgumentException"/> for invalid options.</summary>
    public RandomCutForest(RandomCutForestOptions options)
        : this(Validated(options), store: null, shingle: null)
    {
    }

    /// <summary>Creates the forest's arrays; with a store and shingle (a restore) the trees are left to the caller.</summary>
    private RandomCutForest(RandomCutForestOptions options, PointStore? store, ShingleBuffer? shingle)
    {
        Options = options;
        _shingledDims = options.ShingledDimensions;
        _path = new int[options.SampleSize + 1];
        _query = new float[_shingledDims];
        _trees = new RandomCutTree[options.NumberOfTrees];
        _samplers = new ReservoirSampler[options.NumberOfTrees];
        if (store is not null && shingle is not null)
        {
            _store = store;
            _shingle = shingle;
            return;
        }

        _store = new PointStore(_shingledDims, 2 * options.SampleSize, MaxStoredPoints(options));
        _shingle = new ShingleBuffer(options.Dimensions, options.ShingleSize);
        // Seeds are dealt as the reference deals them (a tree's, then its sampler's), so a seed gives its trees.
        var seeds = new JavaRandom(options.Seed);
        for (int t = 0; t < _trees.Length; t++)
        {
            _trees[t] = new RandomCutTree(_store, options.SampleSize, seeds.NextLong());
            _samplers[t] = new ReservoirSampler(options.SampleSize, options.EffectiveTimeDecay, seeds.NextLong());
        }
    }

    /// <summary>The settings this forest was built with.</summary>
    public RandomCutForestOptions Options { get; }

    /// <summary>Input points received by <see cref="Update"/>.</summary>
    public long TotalUpdates => _totalUpdates;

    /// <summary>Whether <see cref="Score"/> produces scores (OutputAfter updates seen and every tree holds points).</summary>
    public bool IsOutputReady
    {
        get
        {
            if (!_outputReady && _totalUpdates >= Options.OutputAfter)
            {
                _outputReady = Array.TrueForAll(_trees, tree => tree.Mass > 0);
            }

            return _outputReady;
        }
    }

    /// <summary>Managed bytes of the forest's arrays (an estimate of its footprint without object headers).</summary>
    internal long ArrayBytes
    {
        get
        {
            long bytes = _store.ArrayBytes + (_path.Length + _query.Length) * 4L;
            for (int t = 0; t < _trees.Length; t++)
            {
                bytes += _trees[t].ArrayBytes + _samplers[t].ArrayBytes + 32;
            }

            return bytes;
        }
    }

    /// <summary>
    /// Anomaly score of <paramref name="point"/> (Options.Dimensions values) shingled with the previous updates;
    /// 0 until <see cref="IsOutputReady"/>. Does not change the forest.
    /// </summary>
    public double Score(ReadOnlySpan<double> point)
    {
        CheckPoint(point);
        if (!IsOutputReady)
        {
            return 0;
        }

        _shingle.CopyWithNext(point, _query);
        return ScoreShingled(_query);
    }

    /// <summary>Adds <paramref name="point"/> to the shingle and, once the shingle is full, to the trees' samples.</summary>
    public void Update(ReadOnlySpan<double> point)
    {
        CheckPoint(point);
        _shingle.Push(point);
        _totalUpdates++;
        if (!_shingle.IsFull)
        {
            return;
        }

        _shingle.CopyTo(_query);
        long sequence = _totalUpdates - Options.ShingleSize; // 0 for the first full shingle, as in the reference
        int added = -1;
        for (int t = 0; t < _trees.Length; t++)
        {
            ReservoirSampler sampler = _samplers[t];
            if (!sampler.TryAccept(sequence, out int evicted))
            {
                continue;
            }

            RandomCutTree tree = _trees[t];
            if (evicted >= 0)
            {
                tree.Delete(evicted, _path);
                _store.DecRef(evicted);
            }

            if (added < 0)
            {
                added = _store.Add(_query);
            }

            int kept = tree.Insert(added, _path);
            _store.IncRef(kept);
            sampler.Add(kept);
        }

        if (added >= 0)
        {
            _store.ReleaseIfUnused(added);
        }
    }

    /// <summary>
    /// Splits the score of <paramref name="point"/> per input dimension into high and low parts (summed over the
    /// shingle's positions); all zeros until <see cref="IsOutputReady"/>.
    /// </summary>
    public Attribution GetAttribution(ReadOnlySpan<double> point)
    {
        CheckPoint(point);
        int dims = Options.Dimensions;
        var high = new double[dims];
        var low = new double[dims];
        if (!IsOutputReady)
        {
            return new Attribution(high, low);
        }

        _shingle.CopyWithNext(point, _query);
        Span<double> shingledHigh = _shingledDims <= 128 ? stackalloc double[_shingledDims] : new double[_shingledDims];
        Span<double> shingledLow = _shingledDims <= 128 ? stackalloc double[_shingledDims] : new double[_shingledDims];
        shingledHigh.Clear();
        shingledLow.Clear();
        foreach (RandomCutTree tree in _trees)
        {
            tree.AddAttribution(_query, _path, shingledHigh, shingledLow);
        }

        for (int k = 0; k < _shingledDims; k++)
        {
            high[k % dims] += shingledHigh[k] / _trees.Length;
            low[k % dims] += shingledLow[k] / _trees.Length;
        }

        return new Attribution(high, low);
    }

    /// <summary>
    /// What <paramref name="point"/>'s values should have been given the shingle before it: per tree, the stored
    /// point that makes the shingle least anomalous when the newest values are free; the median over trees.
    /// Returns null until <see cref="IsOutputReady"/>.
    /// </summary>
    public double[]? GetExpectedValues(ReadOnlySpan<double> point)
    {
        CheckPoint(point);
        if (!IsOutputReady)
        {
            return null;
        }

        int dims = Options.Dimensions;
        int start = _shingledDims - dims;
        _shingle.CopyWithNext(point, _query);
        var candidates = new double[dims][];
        for (int k = 0; k < dims; k++)
        {
            candidates[k] = new double[_trees.Length];
        }

        int found = 0;
        foreach (RandomCutTree tree in _trees)
        {
            int index = tree.FindImputationPoint(_query, start, dims);
            if (index < 0)
            {
                continue;
            }

            ReadOnlySpan<float> stored = _store.Get(index);
            for (int k = 0; k < dims; k++)
            {
                candidates[k][found] = stored[start + k];
            }

            found++;
        }

        var expected = new double[dims];
        for (int k = 0; k < dims; k++)
        {
            Span<double> values = candidates[k].AsSpan(0, found);
            values.Sort();
            expected[k] = found == 0 ? point[k]
                : found % 2 == 1 ? values[found / 2]
                : (values[found / 2 - 1] + values[found / 2]) / 2;
        }

        return expected;
    }

    /// <summary>Saves the whole state (options, shingle, points, samples, trees and random generators).</summary>
    public byte[] ToBytes()
    {
        var writer = new StateWriter(EstimateSize());
        Write(ref writer);
        return writer.ToArray();
    }

    /// <summary>
    /// Restores a forest saved by <see cref="ToBytes"/>; it continues with the same scores as the original.
    /// Throws <see cref="InvalidDataException"/> for a payload that is not a forest checkpoint of a known version.
    /// </summary>
    public static RandomCutForest FromBytes(ReadOnlySpan<byte> bytes)
    {
        var reader = new StateReader(bytes);
        RandomCutForest forest = Read(ref reader);
        if (reader.Remaining != 0)
        {
            throw new InvalidDataException($"Forest checkpoint has {reader.Remaining} unexpected trailing bytes.");
        }

        return forest;
    }

    /// <summary>Scores an already shingled point.</summary>
    internal double ScoreShingled(ReadOnlySpan<float> query)
    {
        double sum = 0;
        foreach (RandomCutTree tree in _trees)
        {
            sum += tree.Score(query, _path);
        }

        return sum / _trees.Length;
    }

    /// <summary>Writes the forest into <paramref name="writer"/>.</summary>
    internal void Write(ref StateWriter writer)
    {
        writer.WriteUInt32(Magic);
        writer.WriteUInt16(FormatVersion);
        RandomCutForestOptions o = Options;
        writer.WriteInt32(o.Dimensions);
        writer.WriteInt32(o.ShingleSize);
        writer.WriteInt32(o.NumberOfTrees);
        writer.WriteInt32(o.SampleSize);
        writer.WriteByte(o.TimeDecay.HasValue ? (byte)1 : (byte)0);
        writer.WriteDouble(o.TimeDecay ?? 0);
        writer.WriteInt32(o.OutputAfter);
        writer.WriteInt64(o.Seed);
        writer.WriteInt64(_totalUpdates);
        _shingle.Write(ref writer);
        _store.Write(ref writer);
        for (int t = 0; t < _trees.Length; t++)
        {
            _samplers[t].Write(ref writer);
            _trees[t].Write(ref writer, _path);
        }
    }

    /// <summary>Reads a forest written by <see cref="Write"/>.</summary>
    internal static RandomCutForest Read(ref StateReader reader)
    {
        if (reader.Remaining < 6 || reader.ReadUInt32() != Magic)
        {
            throw new InvalidDataException("Payload is not a Random Cut Forest checkpoint (bad magic number).");
        }

        ushort version = reader.ReadUInt16();
        if (version != FormatVersion)
        {
            throw new InvalidDataException(
                $"Random Cut Forest checkpoint version {version} is not supported (expected {FormatVersion}).");
        }

        RandomCutForestOptions options;
        try
        {
            options = new RandomCutForestOptions
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
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"Random Cut Forest checkpoint has invalid options: {e.Message}", e);
        }

        long totalUpdates = reader.ReadInt64();
        if (totalUpdates < 0)
        {
            throw new InvalidDataException("Update count is negative.");
        }

        var shingle = ShingleBuffer.Read(ref reader, options.Dimensions, options.ShingleSize);
        var store = PointStore.Read(ref reader, options.ShingledDimensions, MaxStoredPoints(options));
        var forest = new RandomCutForest(options, store, shingle) { _totalUpdates = totalUpdates };
        var references = new int[store.Capacity];
        for (int t = 0; t < options.NumberOfTrees; t++)
        {
            forest._samplers[t] = ReservoirSampler.Read(ref reader, options.SampleSize, options.EffectiveTimeDecay, store);
            forest._trees[t] = RandomCutTree.Read(ref reader, store, options.SampleSize, forest._path);
            if (forest._trees[t].Mass != forest._samplers[t].Size)
            {
                throw new InvalidDataException($"Tree {t} and its sample disagree on the number of points.");
            }

            foreach (int index in forest._samplers[t].PointIndexes)
            {
                references[index]++;
            }
        }

        for (int i = 0; i < references.Length; i++)
        {
            if (store.IsUsed(i) && store.RefCount(i) != references[i])
            {
                throw new InvalidDataException("Point store reference counts do not match the samples.");
            }
        }

        return forest;
    }

    private static double? SkipDouble(ref StateReader reader)
    {
        reader.ReadDouble();
        return null;
    }

    private static RandomCutForestOptions Validated(RandomCutForestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return options;
    }

    private static int MaxStoredPoints(RandomCutForestOptions options) => options.NumberOfTrees * options.SampleSize + 1;

    private int EstimateSize() =>
        64 + _store.Capacity * (8 + 4 * _shingledDims) + _trees.Length * Options.SampleSize * 24;

    private void CheckPoint(ReadOnlySpan<double> point)
    {
        if (point.Length != Options.Dimensions)
        {
            throw new ArgumentException(
                $"Point has {point.Length} values; the forest expects {Options.Dimensions}.", nameof(point));
        }

        foreach (double value in point)
        {
            if (!double.IsFinite(value))
            {
                throw new ArgumentException($"Point values must be finite numbers (got {value}).", nameof(point));
            }
        }
    }
}
