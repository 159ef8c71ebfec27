using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace TurbineConsole.Rcf.Stores;

/// <summary>
/// The nodes of one random cut tree as parallel arrays with 16-bit references, column by column: a reference below
/// <see cref="Capacity"/> is an internal node (children, cut, cached bounding box), at or above it a leaf (a point of
/// the shared <see cref="PointStore"/> and how many copies of it the tree holds). Free nodes and leaves are chained
/// through their first column. The store knows nothing of roots, random cuts or scores: that is the tree's and the
/// visitors' business.
/// </summary>
internal sealed class NodeStore
{
    /// <summary>Marks no node: an empty tree's root, a root's parent, the end of a free chain.</summary>
    public const int None = -1;

    /// <summary>Marks an unset child while a tree is being read back, and the end of the free-node chain.</summary>
    public const ushort Unset = ushort.MaxValue;

    /// <summary>The points the leaves refer to.</summary>
    private readonly PointStore _points;

    /// <summary>Coordinates per point.</summary>
    private readonly int _dims;

    /// <summary>First leaf reference; equals the capacity (sample size).</summary>
    private readonly int _leafBase;

    /// <summary>Left child of each internal node; for a free node, the next free node.</summary>
    private readonly ushort[] _left;

    /// <summary>Right child of each internal node.</summary>
    private readonly ushort[] _right;

    /// <summary>Dimension cut at each internal node; empty for one-dimensional points (always dimension 0).</summary>
    private readonly ushort[] _cutDim;

    /// <summary>Cut value at each internal node: a point goes left when its coordinate is &lt;= the cut.</summary>
    private readonly float[] _cutValue;

    /// <summary>Bounding box of each internal node: mins at [n x 2d, n x 2d + d), maxes after them.</summary>
    private readonly float[] _box;

    /// <summary>Point-store index of each leaf; for a free leaf, the next free leaf.</summary>
    private readonly int[] _leafPoint;

    /// <summary>Copies of the point held by each leaf (duplicates share a leaf).</summary>
    private readonly ushort[] _leafMass;

    /// <summary>Head of the free internal-node chain.</summary>
    private int _freeNode;

    /// <summary>Head of the free leaf chain.</summary>
    private int _freeLeaf;

    /// <summary>Creates a store of <paramref name="capacity"/> leaves and capacity - 1 internal nodes, all free.</summary>
    public NodeStore(PointStore points, int capacity)
    {
        _points = points;
        _dims = points.Stride;
        _leafBase = capacity;
        _left = new ushort[capacity - 1];
        _right = new ushort[capacity - 1];
        _cutDim = _dims > 1 ? new ushort[capacity - 1] : [];
        _cutValue = new float[capacity - 1];
        _box = new float[(capacity - 1) * 2 * _dims];
        _leafPoint = new int[capacity];
        _leafMass = new ushort[capacity];
        ChainFreeAfter(0, 0);
    }

    /// <summary>The points the leaves refer to.</summary>
    public PointStore Points => _points;

    /// <summary>Coordinates per point.</summary>
    public int Dimensions => _dims;

    /// <summary>Leaves the store can hold (the tree's sample size); also the first leaf reference.</summary>
    public int Capacity => _leafBase;

    /// <summary>Managed bytes held by the arrays.</summary>
    public long ArrayBytes =>
        (_left.Length + _right.Length + _cutDim.Length + _leafMass.Length) * 2L
        + (_cutValue.Length + _box.Length + _leafPoint.Length) * 4L;

    /// <summary>Whether <paramref name="node"/> refers to a leaf.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsLeaf(int node) => node >= _leafBase;

    /// <summary>The leaf (0-based) that leaf reference <paramref name="node"/> designates.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int LeafOf(int node) => node - _leafBase;

    /// <summary>The reference of <paramref name="leaf"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReferenceOf(int leaf) => _leafBase + leaf;

    /// <summary>Left child of internal <paramref name="node"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Left(int node) => _left[node];

    /// <summary>Right child of internal <paramref name="node"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Right(int node) => _right[node];

    /// <summary>Whether cut dimensions are stored (points have more than one coordinate).</summary>
    public bool HasCutDimensions => _cutDim.Length > 0;

    /// <summary>Dimension cut at internal <paramref name="node"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int CutDimension(int node) => _cutDim.Length == 0 ? 0 : _cutDim[node];

    /// <summary>Cut value at internal <paramref name="node"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float CutValue(int node) => _cutValue[node];

    /// <summary>The child of internal <paramref name="node"/> on <paramref name="q"/>'s side of its cut.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ChildToward(int node, ReadOnlySpan<float> q) =>
        q[CutDimension(node)] <= _cutValue[node] ? _left[node] : _right[node];

    /// <summary>Bounding box of internal <paramref name="node"/>: its d mins, then its d maxes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<float> Box(int node) => new(_box, node * 2 * _dims, 2 * _dims);

    /// <summary>Point-store index of <paramref name="leaf"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int LeafPoint(int leaf) => _leafPoint[leaf];

    /// <summary>Copies of the point that <paramref name="leaf"/> holds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int LeafMass(int leaf) => _leafMass[leaf];

    /// <summary>Coordinates of the point of <paramref name="leaf"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<float> LeafCoordinates(int leaf) => _points.Get(_leafPoint[leaf]);

    /// <summary>Adds a copy of the point to <paramref name="leaf"/>.</summary>
    public void IncrementLeafMass(int leaf) => _leafMass[leaf]++;

    /// <summary>Removes a copy from <paramref name="leaf"/>; returns the copies left.</summary>
    public int DecrementLeafMass(int leaf) => --_leafMass[leaf];

    /// <summary>
    /// Probability that a random cut of the box of internal <paramref name="node"/>, grown to hold
    /// <paramref name="q"/>, separates q from the box (0 when q is inside it).
    /// </summary>
    public double SeparationProbability(int node, ReadOnlySpan<float> q)
    {
        var d = _dims;
        ReadOnlySpan<float> box = _box.AsSpan(node * 2 * d, 2 * d);
        double newRange = 0;
        double difference = 0;
        for (var k = 0; k < d; k++)
        {
            double min = box[k];
            double max = box[d + k];
            double v = q[k];
            if (v < min)
            {
                newRange += max - v;
                difference += min - v;
            }
            else if (v > max)
            {
                newRange += v - min;
                difference += v - max;
            }
            else
            {
                newRange += max - min;
            }
        }

        return difference <= 0 ? 0 : difference / newRange;
    }

    /// <summary>Takes a free leaf for one copy of the point <paramref name="pointIndex"/>; returns its reference.</summary>
    public int AddLeaf(int pointIndex)
    {
        var leaf = _freeLeaf;
        Debug.Assert(leaf != None);
        _freeLeaf = _leafPoint[leaf];
        _leafPoint[leaf] = pointIndex;
        _leafMass[leaf] = 1;
        return _leafBase + leaf;
    }

    /// <summary>Returns <paramref name="leaf"/> to the free chain.</summary>
    public void FreeLeaf(int leaf)
    {
        _leafPoint[leaf] = _freeLeaf;
        _leafMass[leaf] = 0;
        _freeLeaf = leaf;
    }

    /// <summary>Takes a free internal node with the given cut and children and computes its box; returns it.</summary>
    public int AddNode(int dim, float cut, int left, int right)
    {
        var node = _freeNode;
        Debug.Assert(node != None);
        _freeNode = _left[node] == Unset ? None : _left[node];
        if (_cutDim.Length > 0)
        {
            _cutDim[node] = (ushort)dim;
        }

        _cutValue[node] = cut;
        _left[node] = (ushort)left;
        _right[node] = (ushort)right;
        RecomputeBox(node);
        return node;
    }

    /// <summary>Returns internal <paramref name="node"/> to the free chain.</summary>
    public void FreeNode(int node)
    {
        _left[node] = _freeNode == None ? Unset : (ushort)_freeNode;
        _freeNode = node;
    }

    /// <summary>Makes <paramref name="replacement"/> take the place of <paramref name="child"/> under internal <paramref name="parent"/>.</summary>
    public void ReplaceChild(int parent, int child, int replacement)
    {
        if (_left[parent] == child)
        {
            _left[parent] = (ushort)replacement;
        }
        else
        {
            _right[parent] = (ushort)replacement;
        }
    }

    /// <summary>Grows the box of internal <paramref name="node"/> to hold <paramref name="p"/>.</summary>
    public void ExtendBox(int node, ReadOnlySpan<float> p)
    {
        var d = _dims;
        var box = _box.AsSpan(node * 2 * d, 2 * d);
        for (var k = 0; k < d; k++)
        {
            var v = p[k];
            if (v < box[k])
            {
                box[k] = v;
            }

            if (v > box[d + k])
            {
                box[d + k] = v;
            }
        }
    }

    /// <summary>Whether <paramref name="p"/> lies strictly inside the box of internal <paramref name="node"/> (on no face).</summary>
    public bool IsStrictlyInside(int node, ReadOnlySpan<float> p)
    {
        var d = _dims;
        ReadOnlySpan<float> box = _box.AsSpan(node * 2 * d, 2 * d);
        for (var k = 0; k < d; k++)
        {
            if (p[k] <= box[k] || p[k] >= box[d + k])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Sets the box of internal <paramref name="node"/> to the union of its children's boxes.</summary>
    public void RecomputeBox(int node)
    {
        var d = _dims;
        var box = _box.AsSpan(node * 2 * d, 2 * d);
        ChildBox(_left[node], out var leftMin, out var leftMax);
        ChildBox(_right[node], out var rightMin, out var rightMax);
        for (var k = 0; k < d; k++)
        {
            box[k] = Math.Min(leftMin[k], rightMin[k]);
            box[d + k] = Math.Max(leftMax[k], rightMax[k]);
        }
    }

    /// <summary>Sets internal node <paramref name="node"/> while a tree is read back; its children are left unset.</summary>
    public void LoadNode(int node, int dim, float cut)
    {
        if (_cutDim.Length > 0)
        {
            _cutDim[node] = (ushort)dim;
        }

        _cutValue[node] = cut;
        _left[node] = Unset;
        _right[node] = Unset;
    }

    /// <summary>Sets <paramref name="leaf"/> while a tree is read back.</summary>
    public void LoadLeaf(int leaf, int pointIndex, ushort mass)
    {
        _leafPoint[leaf] = pointIndex;
        _leafMass[leaf] = mass;
    }

    /// <summary>
    /// Attaches <paramref name="child"/> to loaded <paramref name="parent"/>: as its left child when that is unset,
    /// else as its right. Returns true when this completed the parent (the right child was set).
    /// </summary>
    public bool AttachLoadedChild(int parent, int child)
    {
        if (_left[parent] == Unset)
        {
            _left[parent] = (ushort)child;
            return false;
        }

        _right[parent] = (ushort)child;
        return true;
    }

    /// <summary>
    /// Finishes reading back a tree whose internal nodes are [0, <paramref name="nodes"/>) in preorder and whose
    /// leaves are [0, <paramref name="leaves"/>): computes the boxes bottom-up and chains the rest as free.
    /// </summary>
    public void CompleteLoad(int nodes, int leaves)
    {
        for (var n = nodes - 1; n >= 0; n--)
        {
            RecomputeBox(n);
        }

        ChainFreeAfter(nodes, leaves);
    }

    private void ChildBox(int child, out ReadOnlySpan<float> min, out ReadOnlySpan<float> max)
    {
        if (child >= _leafBase)
        {
            min = _points.Get(_leafPoint[child - _leafBase]);
            max = min;
        }
        else
        {
            min = _box.AsSpan(child * 2 * _dims, _dims);
            max = _box.AsSpan(child * 2 * _dims + _dims, _dims);
        }
    }

    /// <summary>Chains internal nodes from <paramref name="nodes"/> and leaves from <paramref name="leaves"/> as free.</summary>
    private void ChainFreeAfter(int nodes, int leaves)
    {
        _freeNode = None;
        for (var n = _left.Length - 1; n >= nodes; n--)
        {
            FreeNode(n);
        }

        _freeLeaf = None;
        for (var l = _leafPoint.Length - 1; l >= leaves; l--)
        {
            FreeLeaf(l);
        }
    }
}
