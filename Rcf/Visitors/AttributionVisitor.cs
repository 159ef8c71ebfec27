using TurbineConsole.Rcf.Stores;

namespace TurbineConsole.Rcf.Visitors;

/// <summary>
/// The <see cref="ScoreVisitor"/>'s score split per coordinate and direction: at each node, the part of the
/// separation probability that comes from the point lying above the box on a coordinate goes to that coordinate's
/// high share, below it to its low share. The shares sum to the score.
/// </summary>
internal ref struct AttributionVisitor : ITreeVisitor<AttributionVisitor>
{
    /// <summary>The tree's nodes.</summary>
    private readonly NodeStore _nodes;

    /// <summary>The point being explained.</summary>
    private readonly ReadOnlySpan<float> _point;

    /// <summary>Points in the tree, counting duplicates.</summary>
    private readonly int _treeMass;

    /// <summary>Score share per coordinate from values above the data, before normalization.</summary>
    private readonly Span<double> _high;

    /// <summary>Score share per coordinate from values below the data, before normalization.</summary>
    private readonly Span<double> _low;

    /// <summary>Set once a box holds the point or the point equals the leaf.</summary>
    private bool _converged;

    /// <summary>
    /// Creates a visitor for <paramref name="point"/> in a tree of <paramref name="treeMass"/> points, working in
    /// <paramref name="high"/> and <paramref name="low"/> (one entry per coordinate, overwritten at the leaf).
    /// </summary>
    public AttributionVisitor(NodeStore nodes, ReadOnlySpan<float> point, int treeMass, Span<double> high, Span<double> low)
    {
        _nodes = nodes;
        _point = point;
        _treeMass = treeMass;
        _high = high;
        _low = low;
    }

    /// <inheritdoc />
    public readonly bool IsConverged => _converged;

    /// <inheritdoc />
    public readonly bool SplitsAt(int node) => false;

    /// <summary>Adds the shares, on the reference's scale, to <paramref name="high"/> and <paramref name="low"/>.</summary>
    public readonly void AddTo(Span<double> high, Span<double> low)
    {
        var scale = ScoreFunctions.Normalize(1, _treeMass);
        for (var k = 0; k < _high.Length; k++)
        {
            high[k] += _high[k] * scale;
            low[k] += _low[k] * scale;
        }
    }

    /// <inheritdoc />
    public void AcceptLeaf(int leaf, int depth)
    {
        var d = _point.Length;
        var leafPoint = _nodes.LeafCoordinates(leaf);
        if (_point.SequenceEqual(leafPoint))
        {
            var leafMass = _nodes.LeafMass(leaf);
            var seen = ScoreFunctions.Damp(leafMass, _treeMass) * ScoreFunctions.Seen(depth, leafMass);
            _high.Fill(seen / (2 * d));
            _low.Fill(seen / (2 * d));
            _converged = true;
            return;
        }

        var unseen = ScoreFunctions.Unseen(depth);
        double sum = 0;
        for (var k = 0; k < d; k++)
        {
            sum += Math.Abs((double)_point[k] - leafPoint[k]);
        }

        for (var k = 0; k < d; k++)
        {
            var gap = (double)_point[k] - leafPoint[k];
            _high[k] = gap > 0 ? unseen * gap / sum : 0;
            _low[k] = gap < 0 ? -unseen * gap / sum : 0;
        }
    }

    /// <inheritdoc />
    public void Accept(int node, int depth, scoped ReadOnlySpan<float> box)
    {
        var d = _point.Length;
        double newRange = 0;
        double difference = 0;
        for (var k = 0; k < d; k++)
        {
            double min = box[k];
            double max = box[d + k];
            double v = _point[k];
            newRange += Math.Max(max, v) - Math.Min(min, v);
            difference += Math.Max(0, v - max) + Math.Max(0, min - v);
        }

        if (difference <= 0)
        {
            _converged = true;
            return;
        }

        var probability = difference / newRange;
        var unseenHere = ScoreFunctions.Unseen(depth);
        for (var k = 0; k < d; k++)
        {
            double v = _point[k];
            var above = Math.Max(0, v - box[d + k]);
            var below = Math.Max(0, box[k] - v);
            _high[k] = above / newRange * unseenHere + (1 - probability) * _high[k];
            _low[k] = below / newRange * unseenHere + (1 - probability) * _low[k];
        }
    }

    /// <inheritdoc />
    public readonly void Combine(ref AttributionVisitor other)
    {
    }
}
