using TurbineConsole.Rcf.Stores;

namespace TurbineConsole.Rcf.Visitors;

/// <summary>
/// The standard anomaly score of a point in one tree: from the leaf the point reaches, up towards the root, the
/// chance that a random cut of each node's box grown to hold the point would have isolated it there, weighted by
/// how shallow that isolation is. Stops at the first box that already holds the point.
/// </summary>
internal ref struct ScoreVisitor : ITreeVisitor<ScoreVisitor>
{
    /// <summary>The tree's nodes.</summary>
    private readonly NodeStore _nodes;

    /// <summary>The point being scored.</summary>
    private readonly ReadOnlySpan<float> _point;

    /// <summary>Points in the tree, counting duplicates.</summary>
    private readonly int _treeMass;

    /// <summary>The score so far, before normalization.</summary>
    private double _score;

    /// <summary>Set once a box holds the point or the point equals the leaf.</summary>
    private bool _converged;

    /// <summary>Creates a visitor for <paramref name="point"/> in a tree of <paramref name="treeMass"/> points.</summary>
    public ScoreVisitor(NodeStore nodes, ReadOnlySpan<float> point, int treeMass)
    {
        _nodes = nodes;
        _point = point;
        _treeMass = treeMass;
    }

    /// <summary>The tree's score of the point, on the reference's scale (0 for an empty tree).</summary>
    public readonly double Score => ScoreFunctions.Normalize(_score, _treeMass);

    /// <inheritdoc />
    public readonly bool IsConverged => _converged;

    /// <inheritdoc />
    public readonly bool SplitsAt(int node) => false;

    /// <inheritdoc />
    public void AcceptLeaf(int leaf, int depth)
    {
        if (_point.SequenceEqual(_nodes.LeafCoordinates(leaf)))
        {
            var leafMass = _nodes.LeafMass(leaf);
            _score = ScoreFunctions.Damp(leafMass, _treeMass) * ScoreFunctions.Seen(depth, leafMass);
            _converged = true;
            return;
        }

        _score = ScoreFunctions.Unseen(depth);
    }

    /// <inheritdoc />
    public void Accept(int node, int depth, scoped ReadOnlySpan<float> box)
    {
        var probability = NodeStore.SeparationProbability(box, _point);
        if (probability <= 0)
        {
            _converged = true;
            return;
        }

        _score = probability * ScoreFunctions.Unseen(depth) + (1 - probability) * _score;
    }

    /// <inheritdoc />
    public readonly void Combine(ref ScoreVisitor other)
    {
    }
}
