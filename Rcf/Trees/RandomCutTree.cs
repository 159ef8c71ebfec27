using TurbineConsole.Rcf.Stores;
using TurbineConsole.Rcf.Visitors;

namespace TurbineConsole.Rcf.Trees;

/// <summary>
/// One random cut tree over points of a shared <see cref="PointStore"/>, its nodes in a <see cref="NodeStore"/>:
/// inserts and deletes points with the reference's random cuts, and walks a query's path for the visitors that score
/// and explain it (<see cref="Traverse{TVisitor}"/>).
/// </summary>
internal sealed class RandomCutTree
{
    /// <summary>The tree's nodes (internal nodes, some with cached boxes, and leaves).</summary>
    private readonly NodeStore _nodes;

    /// <summary>The points the leaves refer to.</summary>
    private readonly PointStore _points;

    /// <summary>Root reference, or <see cref="NodeStore.None"/>.</summary>
    private int _root;

    /// <summary>Points held, counting duplicates.</summary>
    private int _mass;

    /// <summary>Seed of the generator for the next insertion's cuts.</summary>
    private long _randomSeed;

    /// <summary>
    /// Creates an empty tree for up to <paramref name="capacity"/> points that keeps the boxes of the given fraction
    /// of its internal nodes (<see cref="RandomCutForestOptions.BoundingBoxCacheFraction"/>).
    /// </summary>
    public RandomCutTree(PointStore points, int capacity, long randomSeed, double boundingBoxCacheFraction = 1.0)
        : this(new NodeStore(points, capacity, boundingBoxCacheFraction), NodeStore.None, mass: 0, randomSeed)
    {
    }

    /// <summary>Creates a tree over filled <paramref name="nodes"/> (a restore).</summary>
    public RandomCutTree(NodeStore nodes, int root, int mass, long randomSeed)
    {
        _nodes = nodes;
        _points = nodes.Points;
        _root = root;
        _mass = mass;
        _randomSeed = randomSeed;
    }

    /// <summary>Points held, counting duplicates.</summary>
    public int Mass => _mass;

    /// <summary>Root reference, or <see cref="NodeStore.None"/> when empty.</summary>
    public int Root => _root;

    /// <summary>Seed of the generator for the next insertion's cuts.</summary>
    public long RandomSeed => _randomSeed;

    /// <summary>The tree's nodes.</summary>
    public NodeStore Nodes => _nodes;

    /// <summary>
    /// Inserts the stored point <paramref name="pointIndex"/> as the reference does: from its would-be leaf upwards,
    /// one random cut per node over the node's box grown to hold the point, until a box already holds it; the point
    /// is split off at the highest node whose cut separated it. Returns the index the tree keeps (an equal point
    /// already in the tree absorbs the new one). <paramref name="path"/> is scratch of capacity + 1 entries.
    /// </summary>
    public int Insert(int pointIndex, int[] path)
    {
        var p = _points.Get(pointIndex);
        if (_root == NodeStore.None)
        {
            _root = _nodes.AddLeaf(pointIndex);
            _mass = 1;
            return pointIndex;
        }

        var depth = DescendToLeaf(p, path, out var leaf);
        var leafPoint = _nodes.LeafCoordinates(leaf);
        if (p.SequenceEqual(leafPoint))
        {
            _nodes.IncrementLeafMass(leaf);
            _mass++;
            return _nodes.LeafPoint(leaf);
        }

        var random = JavaRandom.Replay(ref _randomSeed);
        var d = p.Length;
        var scratch = d <= 64 ? stackalloc float[4 * d] : new float[4 * d];
        var walk = new PathBox(_nodes, scratch[..(2 * d)], _nodes.ReferenceOf(leaf));
        var savedBox = scratch[(2 * d)..];
        var savedLevel = depth;
        Cut saved = default;
        for (var level = depth; level >= 0; level--)
        {
            scoped ReadOnlySpan<float> min, max;
            if (level == depth)
            {
                min = max = leafPoint;
            }
            else
            {
                var box = walk.StepTo(path[level]);
                min = box[..d];
                max = box[d..];
            }

            var cut = Cut.Random(random.NextDouble(), p, min, max);
            if (cut.Separates(p, min, max))
            {
                (savedLevel, saved) = (level, cut);
                min.CopyTo(savedBox);
                max.CopyTo(savedBox[d..]);
            }

            if (Contains(min, max, p))
            {
                break;
            }
        }

        var savedNode = savedLevel == depth ? _nodes.ReferenceOf(leaf) : path[savedLevel];
        var newLeaf = _nodes.AddLeaf(pointIndex);
        var pointGoesLeft = p[saved.Dimension] <= saved.Value;
        Grow(savedBox, p);
        var created = _nodes.AddNode(
            saved.Dimension,
            saved.Value,
            pointGoesLeft ? newLeaf : savedNode,
            pointGoesLeft ? savedNode : newLeaf,
            savedBox);
        Replace(savedLevel == 0 ? NodeStore.None : path[savedLevel - 1], savedNode, created);
        for (var i = 0; i < savedLevel; i++)
        {
            _nodes.ExtendCachedBox(path[i], p);
        }

        _mass++;
        return pointIndex;
    }

    /// <summary>Removes one copy of the stored point <paramref name="pointIndex"/>.</summary>
    public void Delete(int pointIndex, int[] path)
    {
        var p = _points.Get(pointIndex);
        var depth = DescendToLeaf(p, path, out var leaf);
        if (leaf != pointIndex)
        {
            throw new InvalidOperationException("Tree and sampler disagree: the evicted point is not in the tree.");
        }

        _mass--;
        if (_nodes.DecrementLeafMass(leaf) > 0)
        {
            return;
        }

        if (depth == 0)
        {
            _root = NodeStore.None;
            return;
        }

        var node = _nodes.ReferenceOf(leaf);
        var parent = path[depth - 1];
        var sibling = _nodes.Left(parent) == node ? _nodes.Right(parent) : _nodes.Left(parent);
        Replace(depth >= 2 ? path[depth - 2] : NodeStore.None, parent, sibling);
        _nodes.FreeNode(parent);

        // The boxes above lose the point, up to the first that holds it strictly inside (which it did not shape).
        // The new box of each is built from the one below it; a cached box is stored, and its old value tells at
        // once whether anything changes.
        var d = p.Length;
        var box = d <= 128 ? stackalloc float[2 * d] : new float[2 * d];
        var haveBox = false;
        var child = sibling;
        for (var i = depth - 2; i >= 0; i--)
        {
            var ancestor = path[i];
            if (_nodes.IsCached(ancestor) && NodeStore.IsStrictlyInside(_nodes.CachedBox(ancestor), p))
            {
                break;
            }

            if (!haveBox)
            {
                _nodes.BoxOf(child, box);
                haveBox = true;
            }

            _nodes.ExtendWithSibling(ancestor, child, box);
            if (_nodes.IsCached(ancestor))
            {
                _nodes.SetCachedBox(ancestor, box);
            }
            else if (NodeStore.IsStrictlyInside(box, p))
            {
                break;
            }

            child = ancestor;
        }
    }

    /// <summary>
    /// Walks <paramref name="q"/>'s path as the reference's traversal does: down to the leaf it reaches, then
    /// <paramref name="visitor"/> accepts the leaf and each node on the way back up to the root, until it has
    /// converged. Where the visitor splits, each child is walked (the right one by a copy that is then combined).
    /// <paramref name="path"/> is scratch of capacity + 1 entries. Returns false for an empty tree (nothing visited).
    /// </summary>
    public bool Traverse<TVisitor>(ReadOnlySpan<float> q, int[] path, ref TVisitor visitor)
        where TVisitor : struct, ITreeVisitor<TVisitor>, allows ref struct
    {
        if (_root == NodeStore.None)
        {
            return false;
        }

        var d = q.Length;
        var scratch = d <= 128 ? stackalloc float[2 * d] : new float[2 * d];
        TraverseFrom(_root, 0, q, path, scratch, ref visitor);
        return true;
    }

    /// <summary>
    /// What an <see cref="ImputationVisitor"/> finds when every coordinate is free: no cut constrains the point, and
    /// no box separates a stored point from the subtree holding it (a separation probability of exactly 0), so the
    /// answer is the leaf with the lowest damped seen-score, the leftmost of equals, found without visiting boxes.
    /// Returns the point-store index, or -1 when empty.
    /// </summary>
    public int LeastAnomalousLeafPoint()
    {
        if (_root == NodeStore.None)
        {
            return -1;
        }

        var capacity = _nodes.Capacity;
        var stack = capacity <= 1024 ? stackalloc int[2 * capacity] : new int[2 * capacity];
        var top = 0;
        stack[top++] = _root;
        stack[top++] = 0;
        var bestScore = double.PositiveInfinity;
        var bestPoint = -1;
        while (top > 0)
        {
            var depth = stack[--top];
            var node = stack[--top];
            if (_nodes.IsLeaf(node))
            {
                var leaf = _nodes.LeafOf(node);
                var leafMass = _nodes.LeafMass(leaf);
                var score = ScoreFunctions.Damp(leafMass, _mass) * ScoreFunctions.Seen(depth, leafMass);
                if (score < bestScore)
                {
                    (bestScore, bestPoint) = (score, _nodes.LeafPoint(leaf));
                }

                continue;
            }

            stack[top++] = _nodes.Right(node);
            stack[top++] = depth + 1;
            stack[top++] = _nodes.Left(node);
            stack[top++] = depth + 1;
        }

        return bestPoint;
    }

    /// <summary>
    /// The traversal from <paramref name="start"/> at <paramref name="startDepth"/>: descends recording the path in
    /// <paramref name="path"/>[startDepth..], then accepts upwards back to <paramref name="start"/> with each node's
    /// box (built in <paramref name="scratch"/> when not cached). A split recurses into both children at the next
    /// depth, which only overwrites the path below the split node and the scratch, which the split node's walk
    /// fills afresh.
    /// </summary>
    private void TraverseFrom<TVisitor>(
        int start, int startDepth, ReadOnlySpan<float> q, int[] path, scoped Span<float> scratch, ref TVisitor visitor)
        where TVisitor : struct, ITreeVisitor<TVisitor>, allows ref struct
    {
        var nodes = _nodes;
        var node = start;
        var depth = startDepth;
        var split = false;
        if (nodes.HasCutDimensions)
        {
            while (!nodes.IsLeaf(node))
            {
                if (visitor.SplitsAt(node))
                {
                    split = true;
                    break;
                }

                path[depth++] = node;
                node = nodes.ChildToward(node, q);
            }
        }
        else
        {
            var v = q[0];
            while (!nodes.IsLeaf(node))
            {
                if (visitor.SplitsAt(node))
                {
                    split = true;
                    break;
                }

                path[depth++] = node;
                node = v <= nodes.CutValue(node) ? nodes.Left(node) : nodes.Right(node);
            }
        }

        var walk = new PathBox(nodes, scratch, node);
        if (split)
        {
            var right = visitor;
            TraverseFrom(nodes.Left(node), depth + 1, q, path, scratch, ref visitor);
            TraverseFrom(nodes.Right(node), depth + 1, q, path, scratch, ref right);
            visitor.Combine(ref right);
            if (!visitor.IsConverged)
            {
                visitor.Accept(node, depth, walk.Current);
            }
        }
        else
        {
            visitor.AcceptLeaf(nodes.LeafOf(node), depth);
        }

        for (var i = depth - 1; i >= startDepth && !visitor.IsConverged; i--)
        {
            visitor.Accept(path[i], i, walk.StepTo(path[i]));
        }
    }

    /// <summary>Records the path from the root to the leaf <paramref name="q"/> reaches; returns the leaf's depth.</summary>
    private int DescendToLeaf(ReadOnlySpan<float> q, int[] path, out int leaf)
    {
        var nodes = _nodes;
        var node = _root;
        var depth = 0;
        if (nodes.HasCutDimensions)
        {
            while (!nodes.IsLeaf(node))
            {
                path[depth++] = node;
                node = nodes.ChildToward(node, q);
            }
        }
        else
        {
            var v = q[0];
            while (!nodes.IsLeaf(node))
            {
                path[depth++] = node;
                node = v <= nodes.CutValue(node) ? nodes.Left(node) : nodes.Right(node);
            }
        }

        leaf = nodes.LeafOf(node);
        return depth;
    }

    /// <summary>Makes <paramref name="replacement"/> take the place of <paramref name="child"/> under <paramref name="parent"/> (or as root).</summary>
    private void Replace(int parent, int child, int replacement)
    {
        if (parent == NodeStore.None)
        {
            _root = replacement;
        }
        else
        {
            _nodes.ReplaceChild(parent, child, replacement);
        }
    }

    /// <summary>Grows <paramref name="box"/> (d mins, then d maxes) to hold <paramref name="p"/>.</summary>
    private static void Grow(Span<float> box, ReadOnlySpan<float> p)
    {
        var d = p.Length;
        for (var k = 0; k < d; k++)
        {
            box[k] = Math.Min(box[k], p[k]);
            box[d + k] = Math.Max(box[d + k], p[k]);
        }
    }

    private static bool Contains(ReadOnlySpan<float> min, ReadOnlySpan<float> max, ReadOnlySpan<float> p)
    {
        for (var k = 0; k < p.Length; k++)
        {
            if (p[k] < min[k] || p[k] > max[k])
            {
                return false;
            }
        }

        return true;
    }
}
