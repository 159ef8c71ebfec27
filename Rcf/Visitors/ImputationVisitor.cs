using TurbineConsole.Rcf.Stores;

namespace TurbineConsole.Rcf.Visitors;

/// <summary>
/// Finds the stored point that makes a query least anomalous when some of its coordinates (a contiguous range) are
/// free: at every cut on a free coordinate both sides are explored and the side with the lower score wins; on the
/// way up, each node scores the query completed with the winning point's free coordinates.
/// </summary>
internal ref struct ImputationVisitor : ITreeVisitor<ImputationVisitor>
{
    /// <summary>The tree's nodes.</summary>
    private readonly NodeStore _nodes;

    /// <summary>The query; its free coordinates are ignored.</summary>
    private readonly ReadOnlySpan<float> _query;

    /// <summary>First free coordinate.</summary>
    private readonly int _missingStart;

    /// <summary>Number of free coordinates.</summary>
    private readonly int _missingCount;

    /// <summary>Points in the tree, counting duplicates.</summary>
    private readonly int _treeMass;

    /// <summary>Scratch: the query completed with the current best point's free coordinates (shared by copies).</summary>
    private readonly Span<float> _candidate;

    /// <summary>Score of the best point so far (unnormalized).</summary>
    private double _score;

    /// <summary>Point-store index of the best point so far, or -1.</summary>
    private int _point;

    /// <summary>
    /// Creates a visitor for <paramref name="query"/> whose coordinates [<paramref name="missingStart"/>,
    /// <paramref name="missingStart"/> + <paramref name="missingCount"/>) are free, with <paramref name="candidate"/>
    /// as scratch (as many entries as the query).
    /// </summary>
    public ImputationVisitor(
        NodeStore nodes, ReadOnlySpan<float> query, int missingStart, int missingCount, int treeMass, Span<float> candidate)
    {
        _nodes = nodes;
        _query = query;
        _missingStart = missingStart;
        _missingCount = missingCount;
        _treeMass = treeMass;
        _candidate = candidate;
        _point = -1;
    }

    /// <summary>Point-store index of the least anomalous completion, or -1 for an empty tree.</summary>
    public readonly int Point => _point;

    /// <inheritdoc />
    public readonly bool IsConverged => false;

    /// <inheritdoc />
    public readonly bool SplitsAt(int node)
    {
        var dim = _nodes.CutDimension(node);
        return dim >= _missingStart && dim < _missingStart + _missingCount;
    }

    /// <inheritdoc />
    public void AcceptLeaf(int leaf, int depth)
    {
        var point = _nodes.LeafPoint(leaf);
        var leafPoint = _nodes.Points.Get(point);
        var end = _missingStart + _missingCount;
        var equal = _query[.._missingStart].SequenceEqual(leafPoint[.._missingStart])
            && _query[end..].SequenceEqual(leafPoint[end..]);
        var leafMass = _nodes.LeafMass(leaf);
        _score = equal
            ? ScoreFunctions.Damp(leafMass, _treeMass) * ScoreFunctions.Seen(depth, leafMass)
            : ScoreFunctions.Unseen(depth);
        _point = point;
    }

    /// <inheritdoc />
    public void Accept(int node, int depth, scoped ReadOnlySpan<float> box)
    {
        _query.CopyTo(_candidate);
        _nodes.Points.Get(_point).Slice(_missingStart, _missingCount).CopyTo(_candidate.Slice(_missingStart, _missingCount));
        var probability = NodeStore.SeparationProbability(box, _candidate);
        _score = probability * ScoreFunctions.Unseen(depth) + (1 - probability) * _score;
    }

    /// <inheritdoc />
    public void Combine(ref ImputationVisitor other)
    {
        if (other._score < _score)
        {
            (_score, _point) = (other._score, other._point);
        }
    }
}
