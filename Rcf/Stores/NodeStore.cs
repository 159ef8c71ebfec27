using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace TurbineConsole.Rcf.Stores;

/// <summary>
/// The nodes of one random cut tree as parallel arrays, column by column. A reference below <see cref="Capacity"/>
/// is an internal node (children, cut, and for the first <see cref="CachedNodes"/> nodes a cached bounding box); a
/// reference at or above it is a leaf, Capacity + the point-store index of its point, so a leaf costs nothing beyond
/// its parent's reference to it (the copies a leaf holds are kept only for the few that hold more than one, in a
/// <see cref="LeafMassMap"/>). References are 16 bits wide when every one of them fits, else 32. Free internal
/// nodes are chained through their left child. The store knows nothing of roots, random cuts or scores: that is the
/// tree's and the visitors' business.
/// </summary>
/// <remarks>
/// Boxes: the box of a node is exactly the smallest box holding the points below it, whether it comes from the cache
/// or is rebuilt from the points (min and max are exact in float), so the bounding-box cache fraction changes the
/// memory and the speed, never a result. On the cut's coordinate every point of the left subtree is &lt;= the cut and
/// every point of the right one above it (inserts place points by the cut, deletes never move one), so on that
/// coordinate a node's minimum is its left child's and its maximum its right child's; with one coordinate that makes
/// an uncached box two walks down the outer edges of the subtree (<see cref="MinOf"/>, <see cref="MaxOf"/>).
/// </remarks>
internal sealed class NodeStore
{
    /// <summary>Marks no node: an empty tree's root, a root's parent, the end of a free chain.</summary>
    public const int None = -1;

    /// <summary>Marks an unset child while a tree is being read back, and the end of the free-node chain.</summary>
    public const int Unset = -2;

    /// <summary>The 16-bit form of <see cref="Unset"/> (16-bit references stay below it).</summary>
    private const ushort NarrowUnset = ushort.MaxValue;

    /// <summary>The points the leaves refer to.</summary>
    private readonly PointStore _points;

    /// <summary>Coordinates per point.</summary>
    private readonly int _dims;

    /// <summary>First leaf reference; equals the capacity (sample size).</summary>
    private readonly int _leafBase;

    /// <summary>Internal nodes [0, this) have a cached box.</summary>
    private readonly int _cachedNodes;

    /// <summary>Left child of each internal node (16-bit references; empty when they are 32-bit); for a free node, the next free node.</summary>
    private readonly ushort[] _left;

    /// <summary>Right child of each internal node (16-bit references; empty when they are 32-bit).</summary>
    private readonly ushort[] _right;

    /// <summary>Left child of each internal node when references are 32-bit (else empty).</summary>
    private readonly int[] _wideLeft;

    /// <summary>Right child of each internal node when references are 32-bit (else empty).</summary>
    private readonly int[] _wideRight;

    /// <summary>Dimension cut at each internal node; empty for one-dimensional points (always dimension 0).</summary>
    private readonly ushort[] _cutDim;

    /// <summary>Cut value at each internal node: a point goes left when its coordinate is &lt;= the cut.</summary>
    private readonly float[] _cutValue;

    /// <summary>Cached bounding box of internal nodes [0, <see cref="_cachedNodes"/>): mins at [n x 2d, n x 2d + d), maxes after them.</summary>
    private readonly float[] _box;

    /// <summary>Copies held by leaves that hold more than one.</summary>
    private readonly LeafMassMap _leafMasses = new();

    /// <summary>Head of the free internal-node chain.</summary>
    private int _freeNode;

    /// <summary>
    /// Creates a store of <paramref name="capacity"/> leaves and capacity - 1 internal nodes, all free, of which the
    /// first <paramref name="boundingBoxCacheFraction"/> x (capacity - 1) (rounded down) keep their box.
    /// </summary>
    public NodeStore(PointStore points, int capacity, double boundingBoxCacheFraction)
    {
        Debug.Assert(boundingBoxCacheFraction is >= 0 and <= 1);
        _points = points;
        _dims = points.Stride;
        _leafBase = capacity;
        var narrow = (long)capacity + points.MaxCapacity < NarrowUnset;
        _left = narrow ? new ushort[capacity - 1] : [];
        _right = narrow ? new ushort[capacity - 1] : [];
        _wideLeft = narrow ? [] : new int[capacity - 1];
        _wideRight = narrow ? [] : new int[capacity - 1];
        _cutDim = _dims > 1 ? new ushort[capacity - 1] : [];
        _cutValue = new float[capacity - 1];
        _cachedNodes = (int)(boundingBoxCacheFraction * (capacity - 1));
        _box = _cachedNodes == 0 ? [] : new float[_cachedNodes * 2 * _dims];
        ChainFreeAfter(0);
    }

    /// <summary>The points the leaves refer to.</summary>
    public PointStore Points => _points;

    /// <summary>Coordinates per point.</summary>
    public int Dimensions => _dims;

    /// <summary>Leaves the store can hold (the tree's sample size); also the first leaf reference.</summary>
    public int Capacity => _leafBase;

    /// <summary>Internal nodes whose box is cached (the first ones).</summary>
    public int CachedNodes => _cachedNodes;

    /// <summary>Leaves holding more than one copy of their point.</summary>
    public int DuplicatedLeaves => _leafMasses.Count;

    /// <summary>Heap bytes of the children, cut dimensions and cut values.</summary>
    public long NodeBytes =>
        ManagedSize.Of(_left) + ManagedSize.Of(_right) + ManagedSize.Of(_wideLeft) + ManagedSize.Of(_wideRight)
        + ManagedSize.Of(_cutDim) + ManagedSize.Of(_cutValue);

    /// <summary>Heap bytes of the cached boxes.</summary>
    public long BoxBytes => ManagedSize.Of(_box);

    /// <summary>Heap bytes of the copies of leaves that hold more than one.</summary>
    public long LeafCountBytes => _leafMasses.ArrayBytes;

    /// <summary>Whether <paramref name="node"/> refers to a leaf.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsLeaf(int node) => node >= _leafBase;

    /// <summary>The point-store index of the point that leaf reference <paramref name="node"/> designates.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int LeafOf(int node) => node - _leafBase;

    /// <summary>The leaf reference of the point in <paramref name="point"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReferenceOf(int point) => _leafBase + point;

    /// <summary>Left child of internal <paramref name="node"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Left(int node) => _left.Length != 0 ? _left[node] : _wideLeft[node];

    /// <summary>Right child of internal <paramref name="node"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Right(int node) => _right.Length != 0 ? _right[node] : _wideRight[node];

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
        q[CutDimension(node)] <= _cutValue[node] ? Left(node) : Right(node);

    /// <summary>Whether internal <paramref name="node"/> keeps its box.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsCached(int node) => node < _cachedNodes;

    /// <summary>Cached box of internal <paramref name="node"/> (<see cref="IsCached"/>): its d mins, then its d maxes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<float> CachedBox(int node) => new(_box, node * 2 * _dims, 2 * _dims);

    /// <summary>Point-store index of the point of leaf <paramref name="leaf"/> (a leaf is its point's index).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int LeafPoint(int leaf) => leaf;

    /// <summary>Copies of the point that <paramref name="leaf"/> holds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int LeafMass(int leaf) => _leafMasses.Get(leaf);

    /// <summary>Coordinates of the point of <paramref name="leaf"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<float> LeafCoordinates(int leaf) => _points.Get(leaf);

    /// <summary>Adds a copy of the point to <paramref name="leaf"/>.</summary>
    public void IncrementLeafMass(int leaf) => _leafMasses.Increment(leaf);

    /// <summary>Removes a copy from <paramref name="leaf"/>; returns the copies left.</summary>
    public int DecrementLeafMass(int leaf) => _leafMasses.Decrement(leaf);

    /// <summary>
    /// Probability that a random cut of <paramref name="box"/> (d mins, then d maxes), grown to hold
    /// <paramref name="q"/>, separates q from the box (0 when q is inside it).
    /// </summary>
    public static double SeparationProbability(ReadOnlySpan<float> box, ReadOnlySpan<float> q)
    {
        var d = q.Length;
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

    /// <summary>Whether <paramref name="p"/> lies strictly inside <paramref name="box"/> (on no face).</summary>
    public static bool IsStrictlyInside(ReadOnlySpan<float> box, ReadOnlySpan<float> p)
    {
        var d = p.Length;
        for (var k = 0; k < d; k++)
        {
            if (p[k] <= box[k] || p[k] >= box[d + k])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Takes a leaf for one copy of the point <paramref name="pointIndex"/>; returns its reference.</summary>
    public int AddLeaf(int pointIndex) => _leafBase + pointIndex;

    /// <summary>
    /// Takes a free internal node with the given cut and children; <paramref name="box"/> is its box, kept when the
    /// node is one of the cached ones. Returns the node.
    /// </summary>
    public int AddNode(int dim, float cut, int left, int right, ReadOnlySpan<float> box)
    {
        var node = _freeNode;
        Debug.Assert(node != None);
        var next = LeftOrUnset(node);
        _freeNode = next == Unset ? None : next;
        if (_cutDim.Length > 0)
        {
            _cutDim[node] = (ushort)dim;
        }

        _cutValue[node] = cut;
        SetLeft(node, left);
        SetRight(node, right);
        if (IsCached(node))
        {
            box.CopyTo(CachedBoxForWrite(node));
        }

        return node;
    }

    /// <summary>Returns internal <paramref name="node"/> to the free chain.</summary>
    public void FreeNode(int node)
    {
        SetLeft(node, _freeNode == None ? Unset : _freeNode);
        _freeNode = node;
    }

    /// <summary>Makes <paramref name="replacement"/> take the place of <paramref name="child"/> under internal <paramref name="parent"/>.</summary>
    public void ReplaceChild(int parent, int child, int replacement)
    {
        if (Left(parent) == child)
        {
            SetLeft(parent, replacement);
        }
        else
        {
            SetRight(parent, replacement);
        }
    }

    /// <summary>Grows the cached box of internal <paramref name="node"/> to hold <paramref name="p"/> (nothing when it is not cached).</summary>
    public void ExtendCachedBox(int node, ReadOnlySpan<float> p)
    {
        if (!IsCached(node))
        {
            return;
        }

        var d = _dims;
        var box = CachedBoxForWrite(node);
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

    /// <summary>Stores <paramref name="box"/> as the box of internal <paramref name="node"/> when it is cached.</summary>
    public void SetCachedBox(int node, ReadOnlySpan<float> box)
    {
        if (IsCached(node))
        {
            box.CopyTo(CachedBoxForWrite(node));
        }
    }

    /// <summary>Writes the box of <paramref name="reference"/> (a leaf or an internal node) into <paramref name="box"/>.</summary>
    public void BoxOf(int reference, Span<float> box)
    {
        var d = _dims;
        if (IsLeaf(reference))
        {
            var point = _points.Get(LeafOf(reference));
            point.CopyTo(box);
            point.CopyTo(box[d..]);
        }
        else if (IsCached(reference))
        {
            CachedBox(reference).CopyTo(box);
        }
        else
        {
            ComputeBox(reference, box);
        }
    }

    /// <summary>
    /// Turns <paramref name="box"/>, the box of <paramref name="child"/>, into the box of its parent, internal
    /// <paramref name="node"/>, by adding the other child's points.
    /// </summary>
    public void ExtendWithSibling(int node, int child, Span<float> box)
    {
        var left = Left(node);
        var sibling = left == child ? Right(node) : left;
        if (_dims == 1)
        {
            // The sibling lies wholly on the far side of the cut, so it sets only that side's bound.
            if (sibling == left)
            {
                box[0] = MinOf(sibling);
            }
            else
            {
                box[1] = MaxOf(sibling);
            }

            return;
        }

        AddSubtree(sibling, box);
    }

    /// <summary>Sets internal node <paramref name="node"/> while a tree is read back; its children are left unset.</summary>
    public void LoadNode(int node, int dim, float cut)
    {
        if (_cutDim.Length > 0)
        {
            _cutDim[node] = (ushort)dim;
        }

        _cutValue[node] = cut;
        SetLeft(node, Unset);
        SetRight(node, Unset);
    }

    /// <summary>Sets the copies of the point <paramref name="point"/>'s leaf while a tree is read back; returns the leaf's reference.</summary>
    public int LoadLeaf(int point, ushort mass)
    {
        _leafMasses.Load(point, mass);
        return _leafBase + point;
    }

    /// <summary>
    /// Attaches <paramref name="child"/> to loaded <paramref name="parent"/>: as its left child when that is unset,
    /// else as its right. Returns true when this completed the parent (the right child was set).
    /// </summary>
    public bool AttachLoadedChild(int parent, int child)
    {
        if (LeftOrUnset(parent) == Unset)
        {
            SetLeft(parent, child);
            return false;
        }

        SetRight(parent, child);
        return true;
    }

    /// <summary>
    /// Finishes reading back a tree whose internal nodes are [0, <paramref name="nodes"/>) in preorder: computes the
    /// cached boxes bottom-up (children come after their parent in preorder) and chains the rest as free.
    /// </summary>
    public void CompleteLoad(int nodes)
    {
        for (var n = Math.Min(nodes, _cachedNodes) - 1; n >= 0; n--)
        {
            ComputeBox(n, CachedBoxForWrite(n));
        }

        ChainFreeAfter(nodes);
    }

    /// <summary>Smallest coordinate below <paramref name="reference"/> of one-dimensional points: down its left edge.</summary>
    private float MinOf(int reference)
    {
        while (!IsLeaf(reference))
        {
            if (IsCached(reference))
            {
                return _box[reference * 2];
            }

            reference = Left(reference);
        }

        return _points.Get(LeafOf(reference))[0];
    }

    /// <summary>Largest coordinate below <paramref name="reference"/> of one-dimensional points: down its right edge.</summary>
    private float MaxOf(int reference)
    {
        while (!IsLeaf(reference))
        {
            if (IsCached(reference))
            {
                return _box[reference * 2 + 1];
            }

            reference = Right(reference);
        }

        return _points.Get(LeafOf(reference))[0];
    }

    /// <summary>Writes the box of internal <paramref name="node"/> rebuilt from below it (its own cache unused).</summary>
    private void ComputeBox(int node, Span<float> box)
    {
        if (_dims == 1)
        {
            box[0] = MinOf(Left(node));
            box[1] = MaxOf(Right(node));
            return;
        }

        BoxOf(Left(node), box);
        AddSubtree(Right(node), box);
    }

    /// <summary>Grows <paramref name="box"/> to hold every point below <paramref name="reference"/>, using the cached boxes it meets.</summary>
    private void AddSubtree(int reference, Span<float> box)
    {
        var capacity = _leafBase;
        var stack = capacity <= 1024 ? stackalloc int[capacity] : new int[capacity];
        var top = 0;
        stack[top++] = reference;
        while (top > 0)
        {
            var node = stack[--top];
            if (IsLeaf(node))
            {
                var p = _points.Get(LeafOf(node));
                Union(box, p, p);
            }
            else if (IsCached(node))
            {
                var cached = CachedBox(node);
                Union(box, cached[.._dims], cached[_dims..]);
            }
            else
            {
                stack[top++] = Right(node);
                stack[top++] = Left(node);
            }
        }
    }

    private static void Union(Span<float> box, ReadOnlySpan<float> min, ReadOnlySpan<float> max)
    {
        var d = min.Length;
        for (var k = 0; k < d; k++)
        {
            if (min[k] < box[k])
            {
                box[k] = min[k];
            }

            if (max[k] > box[d + k])
            {
                box[d + k] = max[k];
            }
        }
    }

    private Span<float> CachedBoxForWrite(int node) => new(_box, node * 2 * _dims, 2 * _dims);

    /// <summary>Left child, or <see cref="Unset"/> (a node being read back, or the end of the free chain).</summary>
    private int LeftOrUnset(int node)
    {
        if (_left.Length != 0)
        {
            var left = _left[node];
            return left == NarrowUnset ? Unset : left;
        }

        return _wideLeft[node];
    }

    private void SetLeft(int node, int value)
    {
        if (_left.Length != 0)
        {
            _left[node] = value == Unset ? NarrowUnset : (ushort)value;
        }
        else
        {
            _wideLeft[node] = value;
        }
    }

    private void SetRight(int node, int value)
    {
        if (_right.Length != 0)
        {
            _right[node] = value == Unset ? NarrowUnset : (ushort)value;
        }
        else
        {
            _wideRight[node] = value;
        }
    }

    /// <summary>Chains internal nodes from <paramref name="nodes"/> as free.</summary>
    private void ChainFreeAfter(int nodes)
    {
        _freeNode = None;
        for (var n = _cutValue.Length - 1; n >= nodes; n--)
        {
            FreeNode(n);
        }
    }
}
