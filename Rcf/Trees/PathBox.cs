using TurbineConsole.Rcf.Stores;

namespace TurbineConsole.Rcf.Trees;

/// <summary>
/// The bounding box of the node that a walk up a tree has reached. A cached box is read in place; an uncached one
/// is the box of the node below on the walk grown by its sibling's points, built in a scratch span, so a walk over
/// uncached nodes never rebuilds the part of a box it already knows.
/// </summary>
internal ref struct PathBox
{
    /// <summary>The tree's nodes.</summary>
    private readonly NodeStore _nodes;

    /// <summary>Where uncached boxes are built: 2 x d floats.</summary>
    private readonly Span<float> _scratch;

    /// <summary>The box of <see cref="_reference"/>, or empty until it is needed.</summary>
    private ReadOnlySpan<float> _box;

    /// <summary>The node (or leaf) reached.</summary>
    private int _reference;

    /// <summary>Whether <see cref="_box"/> is <see cref="_scratch"/>.</summary>
    private bool _inScratch;

    /// <summary>Starts a walk at <paramref name="reference"/> (a leaf or an internal node), building boxes in <paramref name="scratch"/>.</summary>
    public PathBox(NodeStore nodes, Span<float> scratch, int reference)
    {
        _nodes = nodes;
        _scratch = scratch;
        _reference = reference;
    }

    /// <summary>The box of the node reached: its d mins, then its d maxes.</summary>
    public ReadOnlySpan<float> Current
    {
        get
        {
            if (_box.IsEmpty)
            {
                if (!_nodes.IsLeaf(_reference) && _nodes.IsCached(_reference))
                {
                    _box = _nodes.CachedBox(_reference);
                }
                else
                {
                    _nodes.BoxOf(_reference, _scratch);
                    _box = _scratch;
                    _inScratch = true;
                }
            }

            return _box;
        }
    }

    /// <summary>Moves the walk up to <paramref name="parent"/>, the parent of the node reached; returns its box.</summary>
    public ReadOnlySpan<float> StepTo(int parent)
    {
        if (_nodes.IsCached(parent))
        {
            _box = _nodes.CachedBox(parent);
            _inScratch = false;
        }
        else
        {
            if (!_inScratch)
            {
                Current.CopyTo(_scratch);
                _inScratch = true;
            }

            _nodes.ExtendWithSibling(parent, _reference, _scratch);
            _box = _scratch;
        }

        _reference = parent;
        return _box;
    }
}
