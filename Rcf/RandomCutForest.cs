using TurbineConsole.Rcf.Preprocessing;
using TurbineConsole.Rcf.Sampling;
using TurbineConsole.Rcf.State;
using TurbineConsole.Rcf.Stores;
using TurbineConsole.Rcf.Trees;
using TurbineConsole.Rcf.Visitors;

namespace TurbineConsole.Rcf;

/// <summary>
/// A streaming Random Cut Forest (Guha et al., ICML 2016) with the semantics of random-cut-forest-by-aws 4.x:
/// internal shingling, one time-decayed reservoir sample per tree, and the standard displacement-based score.
/// Not thread-safe; use one instance per stream.
/// </summary>
public sealed class RandomCutForest
{
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
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        _shingledDims = options.ShingledDimensions;
        _path = new int[options.SampleSize + 1];
        _query = new float[_shingledDims];
        _trees = new RandomCutTree[options.NumberOfTrees];
        _samplers = new ReservoirSampler[options.NumberOfTrees];
        _store = new PointStore(_shingledDims, 2 * options.SampleSize, MaxStoredPoints(options));
        _shingle = new ShingleBuffer(options.Dimensions, options.ShingleSize);
        // Seeds are dealt as the reference deals them (a tree's, then its sampler's), so a seed gives its trees.
        var seeds = new JavaRandom(options.Seed);
        for (var t = 0; t < _trees.Length; t++)
        {
            _trees[t] = new RandomCutTree(_store, options.SampleSize, seeds.NextLong(), options.EffectiveBoundingBoxCacheFraction);
            _samplers[t] = new ReservoirSampler(
                options.SampleSize, options.EffectiveTimeDecay, seeds.NextLong(), MaxStoredPoints(options));
        }
    }

    /// <summary>Creates a forest from its parts (a restore); the parts must agree with <paramref name="options"/>.</summary>
    internal RandomCutForest(
        RandomCutForestOptions options,
        ShingleBuffer shingle,
        PointStore store,
        RandomCutTree[] trees,
        ReservoirSampler[] samplers,
        long totalUpdates)
    {
        Options = options;
        _shingledDims = options.ShingledDimensions;
        _path = new int[options.SampleSize + 1];
        _query = new float[_shingledDims];
        _shingle = shingle;
        _store = store;
        _trees = trees;
        _samplers = samplers;
        _totalUpdates = totalUpdates;
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

    /// <summary>Heap bytes of the forest's arrays by part (objects not counted).</summary>
    internal ForestFootprint Footprint
    {
        get
        {
            long nodes = 0, boxes = 0, leafCounts = 0, samples = 0;
            for (var t = 0; t < _trees.Length; t++)
            {
                nodes += _trees[t].Nodes.NodeBytes;
                boxes += _trees[t].Nodes.BoxBytes;
                leafCounts += _trees[t].Nodes.LeafCountBytes;
                samples += _samplers[t].ArrayBytes;
            }

            var other = _shingle.ArrayBytes + ManagedSize.Of(_path) + ManagedSize.Of(_query);
            return new ForestFootprint(nodes, boxes, leafCounts, samples, _store.ArrayBytes, other);
        }
    }

    /// <summary>The last input points.</summary>
    internal ShingleBuffer Shingle => _shingle;

    /// <summary>Points shared by all trees.</summary>
    internal PointStore Store => _store;

    /// <summary>The trees.</summary>
    internal ReadOnlySpan<RandomCutTree> Trees => _trees;

    /// <summary>Each tree's sample, parallel to <see cref="Trees"/>.</summary>
    internal ReadOnlySpan<ReservoirSampler> Samplers => _samplers;

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
        var sequence = _totalUpdates - Options.ShingleSize; // 0 for the first full shingle, as in the reference
        var added = -1;
        for (var t = 0; t < _trees.Length; t++)
        {
            var sampler = _samplers[t];
            if (!sampler.TryAccept(sequence, out var evicted))
            {
                continue;
            }

            var tree = _trees[t];
            if (evicted >= 0)
            {
                tree.Delete(evicted, _path);
                _store.DecRef(evicted);
            }

            if (added < 0)
            {
                added = _store.Add(_query);
            }

            var kept = tree.Insert(added, _path);
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
        var dims = Options.Dimensions;
        var high = new double[dims];
        var low = new double[dims];
        if (!IsOutputReady)
        {
            return new Attribution(high, low);
        }

        _shingle.CopyWithNext(point, _query);
        var d = _shingledDims;
        var shingledHigh = d <= 128 ? stackalloc double[d] : new double[d];
        var shingledLow = d <= 128 ? stackalloc double[d] : new double[d];
        var treeHigh = d <= 64 ? stackalloc double[d] : new double[d];
        var treeLow = d <= 64 ? stackalloc double[d] : new double[d];
        shingledHigh.Clear();
        shingledLow.Clear();
        foreach (var tree in _trees)
        {
            var visitor = new AttributionVisitor(tree.Nodes, _query, tree.Mass, treeHigh, treeLow);
            if (tree.Traverse(_query, _path, ref visitor))
            {
                visitor.AddTo(shingledHigh, shingledLow);
            }
        }

        for (var k = 0; k < _shingledDims; k++)
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

        var dims = Options.Dimensions;
        var start = _shingledDims - dims;
        _shingle.CopyWithNext(point, _query);
        var candidates = new double[dims][];
        for (var k = 0; k < dims; k++)
        {
            candidates[k] = new double[_trees.Length];
        }

        var found = 0;
        foreach (var tree in _trees)
        {
            var index = FindImputationPoint(tree, _query, start, dims);
            if (index < 0)
            {
                continue;
            }

            var stored = _store.Get(index);
            for (var k = 0; k < dims; k++)
            {
                candidates[k][found] = stored[start + k];
            }

            found++;
        }

        var expected = new double[dims];
        for (var k = 0; k < dims; k++)
        {
            var values = candidates[k].AsSpan(0, found);
            values.Sort();
            expected[k] = found == 0 ? point[k]
                : found % 2 == 1 ? values[found / 2]
                : (values[found / 2 - 1] + values[found / 2]) / 2;
        }

        return expected;
    }

    /// <summary>Saves the whole state (options, shingle, points, samples, trees and random generators).</summary>
    public byte[] ToBytes() => RandomCutForestMapper.ToBytes(this);

    /// <summary>
    /// Restores a forest saved by <see cref="ToBytes"/>; it continues with the same scores as the original.
    /// Throws <see cref="InvalidDataException"/> for a payload that is not a forest checkpoint of a known version.
    /// The restored forest has the default (null) <see cref="RandomCutForestOptions.BoundingBoxCacheFraction"/>.
    /// </summary>
    public static RandomCutForest FromBytes(ReadOnlySpan<byte> bytes) => RandomCutForestMapper.FromBytes(bytes, null);

    /// <summary>
    /// Restores a forest saved by <see cref="ToBytes"/> with the given
    /// <see cref="RandomCutForestOptions.BoundingBoxCacheFraction"/> (any fraction continues with the same scores).
    /// Throws <see cref="ArgumentException"/> for a fraction outside [0, 1], <see cref="InvalidDataException"/> for a
    /// payload that is not a forest checkpoint of a known version.
    /// </summary>
    public static RandomCutForest FromBytes(ReadOnlySpan<byte> bytes, double? boundingBoxCacheFraction)
    {
        RandomCutForestOptions.ValidateBoundingBoxCacheFraction(boundingBoxCacheFraction);
        return RandomCutForestMapper.FromBytes(bytes, boundingBoxCacheFraction);
    }

    /// <summary>Largest number of points the store can need: every sample entry a different point, plus one pending.</summary>
    internal static int MaxStoredPoints(RandomCutForestOptions options) => options.NumberOfTrees * options.SampleSize + 1;

    /// <summary>Scores an already shingled point.</summary>
    private double ScoreShingled(ReadOnlySpan<float> query)
    {
        double sum = 0;
        foreach (var tree in _trees)
        {
            var visitor = new ScoreVisitor(tree.Nodes, query, tree.Mass);
            tree.Traverse(query, _path, ref visitor);
            sum += visitor.Score;
        }

        return sum / _trees.Length;
    }

    /// <summary>
    /// The stored point of <paramref name="tree"/> that makes <paramref name="query"/> least anomalous when its
    /// coordinates [<paramref name="missingStart"/>, + <paramref name="missingCount"/>) are free, or -1 when the
    /// tree is empty. When every coordinate is free, a walk over the leaves gives the same answer faster.
    /// </summary>
    private int FindImputationPoint(RandomCutTree tree, ReadOnlySpan<float> query, int missingStart, int missingCount)
    {
        if (missingCount == _shingledDims)
        {
            return tree.LeastAnomalousLeafPoint();
        }

        var candidate = _shingledDims <= 256 ? stackalloc float[_shingledDims] : new float[_shingledDims];
        var visitor = new ImputationVisitor(tree.Nodes, query, missingStart, missingCount, tree.Mass, candidate);
        tree.Traverse(query, _path, ref visitor);
        return visitor.Point;
    }

    private void CheckPoint(ReadOnlySpan<double> point)
    {
        if (point.Length != Options.Dimensions)
        {
            throw new ArgumentException(
                $"Point has {point.Length} values; the forest expects {Options.Dimensions}.", nameof(point));
        }

        foreach (var value in point)
        {
            if (!double.IsFinite(value))
            {
                throw new ArgumentException($"Point values must be finite numbers (got {value}).", nameof(point));
            }
        }
    }
}
