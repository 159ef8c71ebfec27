using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace TurbineConsole.Rcf;

/// <summary>
/// One random cut tree over points of a shared <see cref="PointStore"/>, held as parallel arrays with 16-bit node
/// references. A reference below <c>_leafBase</c> is an internal node; at or above it, a leaf. Each internal node
/// caches the bounding box of its subtree (floats), which makes scoring a walk down and back up one path.
/// </summary>
internal sealed class RandomCutTree
{
    /// <summary>Marks an empty tree or the end of a free chain.</summary>
    private const int None = -1;

    /// <summary>Marks an unset child while a tree is being read back.</summary>
    private const ushort Unset = ushort.MaxValue;

    /// <summary>The points the leaves refer to.</summary>
    private readonly PointStore _store;

    /// <summary>Coordinates per point.</summary>
    private readonly int _dims;

    /// <summary>First leaf reference; equals the capacity (sample size).</summary>
    private readonly int _leafBase;

    /// <summary>Left child of each internal node; for a free node, the next free node.</summary>
    private readonly ushort[] _left;

    /// <summary>Right child of each internal node.</summary>
    private readonly ushort[] _right;

    /// <summary>Dimension cut at each internal node.</summary>
    private readonly ushort[] _cutDim;

    /// <summary>Cut value at each internal node: a point goes left when its coordinate is &lt;= the cut.</summary>
    private readonly float[] _cutValue;

    /// <summary>Bounding box of each internal node: mins at [n x 2d, n x 2d + d), maxes after them.</summary>
    private readonly float[] _box;

    /// <summary>Point-store index of each leaf; for a free leaf, the next free leaf.</summary>
    private readonly int[] _leafPoint;

    /// <summary>Copies of the point held by each leaf (duplicates share a leaf).</summary>
    private readonly ushort[] _leafMass;

    /// <summary>Root reference, or <see cref="None"/>.</summary>
    private int _root = None;

    /// <summary>Head of the free internal-node chain.</summary>
    private int _freeNode;

    /// <summary>Head of the free leaf chain.</summary>
    private int _freeLeaf;

    /// <summary>Points held, counting duplicates.</summary>
    private int _mass;

    /// <summary>Seed of the generator for the next insertion's cuts.</summary>
    private long _randomSeed;

    /// <summary>Creates an empty tree for up to <paramref name="capacity"/> points.</summary>
    public RandomCutTree(PointStore store, int capacity, long randomSeed)
    {
        _randomSeed = randomSeed;
        _store = store;
        _dims = store.Stride;
        _leafBase = capacity;
        _left = new ushort[capacity - 1];
        _right = new ushort[capacity - 1];
        _cutDim = _dims > 1 ? new ushort[capacity - 1] : [];
        _cutValue = new float[capacity - 1];
        _box = new float[(capacity - 1) * 2 * _dims];
        _leafPoint = new int[capacity];
        _leafMass = new ushort[capacity];
        ResetFreeChains();
    }

    /// <summary>Points held, counting duplicates.</summary>
    public int Mass => _mass;

    /// <summary>Managed bytes held by the arrays.</summary>
    public long ArrayBytes =>
        (_left.Length + _right.Length + _cutDim.Length + _leafMass.Length) * 2L
        + (_cutValue.Length + _box.Length + _leafPoint.Length) * 4L;

    /// <summary>
    /// Inserts the stored point <paramref name="pointIndex"/> as the reference does: from its would-be leaf upwards,
    /// one random cut per node over the node's box grown to hold the point, until a box already holds it; the point
    /// is split off at the highest node whose cut separated it. Returns the index the tree keeps (an equal point
    /// already in the tree absorbs the new one).
    /// </summary>
    public int Insert(int pointIndex, int[] path)
    {
        ReadOnlySpan<float> p = _store.Get(pointIndex);
        if (_root == None)
        {
            _root = _leafBase + AllocateLeaf(pointIndex);
            _mass = 1;
            return pointIndex;
        }

        int depth = DescendToLeaf(p, path, out int leaf);
        ReadOnlySpan<float> leafPoint = _store.Get(_leafPoint[leaf]);
        if (p.SequenceEqual(leafPoint))
        {
            _leafMass[leaf]++;
            _mass++;
            return _leafPoint[leaf];
        }

        JavaRandom random = JavaRandom.Replay(ref _randomSeed);
        int savedLevel = depth;
        int savedDim = 0;
        float savedCut = 0;
        for (int level = depth; level >= 0; level--)
        {
            ReadOnlySpan<float> min, max;
            if (level == depth)
            {
                min = max = leafPoint;
            }
            else
            {
                int offset = path[level] * 2 * _dims;
                min = _box.AsSpan(offset, _dims);
                max = _box.AsSpan(offset + _dims, _dims);
            }

            (int dim, float cut) = RandomCut(random.NextDouble(), p, min, max);
            float v = p[dim];
            if ((v <= cut && cut < min[dim]) || (v > cut && cut >= max[dim]))
            {
                (savedLevel, savedDim, savedCut) = (level, dim, cut);
            }

            if (Contains(min, max, p))
            {
                break;
            }
        }

        int savedNode = savedLevel == depth ? _leafBase + leaf : path[savedLevel];
        Split(savedNode, pointIndex, p, savedDim, savedCut, savedLevel == 0 ? None : path[savedLevel - 1]);
        ExtendBoxes(path, savedLevel, p);
        _mass++;
        return pointIndex;
    }

    /// <summary>Removes one copy of the stored point <paramref name="pointIndex"/>.</summary>
    public void Delete(int pointIndex, int[] path)
    {
        ReadOnlySpan<float> p = _store.Get(pointIndex);
        int node = _root;
        int depth = 0;
        while (node < _leafBase)
        {
            path[depth++] = node;
            node = p[CutDim(node)] <= _cutValue[node] ? _left[node] : _right[node];
        }

        int leaf = node - _leafBase;
        if (_leafPoint[leaf] != pointIndex)
        {
            throw new InvalidOperationException("Tree and sampler disagree: the evicted point is not in the tree.");
        }

        _mass--;
        if (--_leafMass[leaf] > 0)
        {
            return;
        }

        FreeLeaf(leaf);
        if (depth == 0)
        {
            _root = None;
            return;
        }

        int parent = path[depth - 1];
        int sibling = _left[parent] == node ? _right[parent] : _left[parent];
        Replace(depth >= 2 ? path[depth - 2] : None, parent, sibling);
        FreeNode(parent);
        for (int i = depth - 2; i >= 0; i--)
        {
            int ancestor = path[i];
            if (IsStrictlyInside(ancestor, p))
            {
                break;
            }

            RecomputeBox(ancestor);
        }
    }

    /// <summary>The standard RCF anomaly score of <paramref name="q"/> in this tree, normalized by log2(mass + 1).</summary>
    public double Score(ReadOnlySpan<float> q, int[] path)
    {
        if (_root == None)
        {
            return 0;
        }

        int depth = DescendToLeaf(q, path, out int leaf);
        ReadOnlySpan<float> leafPoint = _store.Get(_leafPoint[leaf]);
        if (q.SequenceEqual(leafPoint))
        {
            int leafMass = _leafMass[leaf];
            return ScoreFunctions.Normalize(
                ScoreFunctions.Damp(leafMass, _mass) * ScoreFunctions.Seen(depth, leafMass), _mass);
        }

        double score = ScoreFunctions.Unseen(depth);
        for (int i = depth - 1; i >= 0; i--)
        {
            double probability = SeparationProbability(path[i], q);
            if (probability <= 0)
            {
                break;
            }

            score = probability * ScoreFunctions.Unseen(i) + (1 - probability) * score;
        }

        return ScoreFunctions.Normalize(score, _mass);
    }

    /// <summary>
    /// Adds this tree's score of <paramref name="q"/> split per coordinate and direction (above / below the data)
    /// to <paramref name="high"/> and <paramref name="low"/>; the parts sum to <see cref="Score"/>.
    /// </summary>
    public void AddAttribution(ReadOnlySpan<float> q, int[] path, Span<double> high, Span<double> low)
    {
        if (_root == None)
        {
            return;
        }

        int d = _dims;
        Span<double> h = d <= 64 ? stackalloc double[d] : new double[d];
        Span<double> l = d <= 64 ? stackalloc double[d] : new double[d];
        int depth = DescendToLeaf(q, path, out int leaf);
        ReadOnlySpan<float> leafPoint = _store.Get(_leafPoint[leaf]);
        if (q.SequenceEqual(leafPoint))
        {
            int leafMass = _leafMass[leaf];
            double seen = ScoreFunctions.Damp(leafMass, _mass) * ScoreFunctions.Seen(depth, leafMass);
            h.Fill(seen / (2 * d));
            l.Fill(seen / (2 * d));
        }
        else
        {
            double unseen = ScoreFunctions.Unseen(depth);
            double sum = 0;
            for (int k = 0; k < d; k++)
            {
                sum += Math.Abs((double)q[k] - leafPoint[k]);
            }

            for (int k = 0; k < d; k++)
            {
                double gap = (double)q[k] - leafPoint[k];
                h[k] = gap > 0 ? unseen * gap / sum : 0;
                l[k] = gap < 0 ? -unseen * gap / sum : 0;
            }

            for (int i = depth - 1; i >= 0; i--)
            {
                int offset = path[i] * 2 * d;
                double newRange = 0;
                double difference = 0;
                for (int k = 0; k < d; k++)
                {
                    double min = _box[offset + k];
                    double max = _box[offset + d + k];
                    double v = q[k];
                    newRange += Math.Max(max, v) - Math.Min(min, v);
                    difference += Math.Max(0, v - max) + Math.Max(0, min - v);
                }

                if (difference <= 0)
                {
                    break;
                }

                double probability = difference / newRange;
                double unseenHere = ScoreFunctions.Unseen(i);
                for (int k = 0; k < d; k++)
                {
                    double v = q[k];
                    double above = Math.Max(0, v - _box[offset + d + k]);
                    double below = Math.Max(0, _box[offset + k] - v);
                    h[k] = above / newRange * unseenHere + (1 - probability) * h[k];
                    l[k] = below / newRange * unseenHere + (1 - probability) * l[k];
                }
            }
        }

        double scale = ScoreFunctions.Normalize(1, _mass);
        for (int k = 0; k < d; k++)
        {
            high[k] += h[k] * scale;
            low[k] += l[k] * scale;
        }
    }

    /// <summary>
    /// The stored point that makes <paramref name="q"/> least anomalous when its coordinates in
    /// [<paramref name="missingStart"/>, <paramref name="missingStart"/> + <paramref name="missingCount"/>) are free:
    /// both sides of every cut on a free coordinate are explored. Returns the point-store index, or -1 when empty.
    /// When every coordinate is free (one-dimensional data without shingling), the same answer comes from a plain
    /// walk over the leaves, unless <paramref name="walkLeaves"/> is false.
    /// </summary>
    public int FindImputationPoint(ReadOnlySpan<float> q, int missingStart, int missingCount, bool walkLeaves = true)
    {
        if (_root == None)
        {
            return -1;
        }

        if (walkLeaves && missingCount == _dims)
        {
            return LeastAnomalousLeafPoint();
        }

        Span<float> candidate = _dims <= 256 ? stackalloc float[_dims] : new float[_dims];
        (_, int point) = Impute(_root, 0, q, missingStart, missingCount, candidate);
        return point;
    }

    /// <summary>
    /// Writes the random seed, the mass and the tree in preorder: per node a tag, then (dimension, cut) or
    /// (point index, mass).
    /// </summary>
    public void Write(ref StateWriter writer, int[] stack)
    {
        writer.WriteInt64(_randomSeed);
        writer.WriteInt32(_mass);
        if (_root == None)
        {
            return;
        }

        int top = 0;
        stack[top++] = _root;
        while (top > 0)
        {
            int node = stack[--top];
            if (node >= _leafBase)
            {
                int leaf = node - _leafBase;
                writer.WriteByte(1);
                writer.WriteInt32(_leafPoint[leaf]);
                writer.WriteUInt16(_leafMass[leaf]);
            }
            else
            {
                writer.WriteByte(0);
                writer.WriteUInt16((ushort)CutDim(node));
                writer.WriteSingle(_cutValue[node]);
                stack[top++] = _right[node];
                stack[top++] = _left[node];
            }
        }
    }

    /// <summary>Reads a tree written by <see cref="Write"/>, checking every reference, and rebuilds its boxes.</summary>
    public static RandomCutTree Read(ref StateReader reader, PointStore store, int capacity, int[] stack)
    {
        var tree = new RandomCutTree(store, capacity, reader.ReadInt64());
        int mass = reader.ReadInt32();
        if (mass < 0 || mass > capacity)
        {
            throw new InvalidDataException("Tree mass is out of range.");
        }

        if (mass == 0)
        {
            return tree;
        }

        int nodes = 0;
        int leaves = 0;
        int leafMassSum = 0;
        int top = 0;
        while (true)
        {
            byte tag = reader.ReadByte();
            int reference;
            if (tag == 1)
            {
                int point = reader.ReadInt32();
                ushort leafMass = reader.ReadUInt16();
                if (leaves >= capacity || leafMass == 0 || !store.IsUsed(point))
                {
                    throw new InvalidDataException("Tree leaf is out of range.");
                }

                tree._leafPoint[leaves] = point;
                tree._leafMass[leaves] = leafMass;
                leafMassSum += leafMass;
                reference = tree._leafBase + leaves++;
            }
            else if (tag == 0)
            {
                int dim = reader.ReadUInt16();
                float cut = reader.ReadSingle();
                if (nodes >= capacity - 1 || dim >= tree._dims || !float.IsFinite(cut))
                {
                    throw new InvalidDataException("Tree node is out of range.");
                }

                if (tree._cutDim.Length > 0)
                {
                    tree._cutDim[nodes] = (ushort)dim;
                }

                tree._cutValue[nodes] = cut;
                tree._left[nodes] = Unset;
                tree._right[nodes] = Unset;
                reference = nodes++;
            }
            else
            {
                throw new InvalidDataException($"Tree node tag {tag} is unknown.");
            }

            if (top == 0)
            {
                if (tree._root != None)
                {
                    throw new InvalidDataException("Tree has more than one root.");
                }

                tree._root = reference;
            }
            else
            {
                int parent = stack[top - 1];
                if (tree._left[parent] == Unset)
                {
                    tree._left[parent] = (ushort)reference;
                }
                else
                {
                    tree._right[parent] = (ushort)reference;
                    top--;
                }
            }

            if (reference < tree._leafBase)
            {
                stack[top++] = reference;
            }

            if (top == 0)
            {
                break;
            }
        }

        if (leafMassSum != mass)
        {
            throw new InvalidDataException("Tree mass does not match its leaves.");
        }

        tree._mass = mass;
        for (int n = nodes - 1; n >= 0; n--)
        {
            tree.RecomputeBox(n);
        }

        tree.ChainFreeAfter(nodes, leaves);
        return tree;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int CutDim(int node) => _cutDim.Length == 0 ? 0 : _cutDim[node];

    private int DescendToLeaf(ReadOnlySpan<float> q, int[] path, out int leaf)
    {
        int node = _root;
        int depth = 0;
        if (_cutDim.Length == 0)
        {
            float v = q[0];
            while (node < _leafBase)
            {
                path[depth++] = node;
                node = v <= _cutValue[node] ? _left[node] : _right[node];
            }
        }
        else
        {
            while (node < _leafBase)
            {
                path[depth++] = node;
                node = q[_cutDim[node]] <= _cutValue[node] ? _left[node] : _right[node];
            }
        }

        leaf = node - _leafBase;
        return depth;
    }

    /// <summary>Probability that a random cut of the box of <paramref name="node"/> grown to hold q separates q.</summary>
    private double SeparationProbability(int node, ReadOnlySpan<float> q)
    {
        int d = _dims;
        ReadOnlySpan<float> box = _box.AsSpan(node * 2 * d, 2 * d);
        double newRange = 0;
        double difference = 0;
        for (int k = 0; k < d; k++)
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

    /// <summary>
    /// The cut that <paramref name="factor"/> (uniform in [0, 1)) picks over the total range of the box [min, max]
    /// grown to hold p, with the reference's arithmetic (ranges in float, position in double, a cut strictly below
    /// the range's top), so that the same random numbers give the same cuts.
    /// </summary>
    private (int Dim, float Cut) RandomCut(double factor, ReadOnlySpan<float> p, ReadOnlySpan<float> min, ReadOnlySpan<float> max)
    {
        int d = _dims;
        double range = 0;
        for (int k = 0; k < d; k++)
        {
            range += (float)(GrownMax(p, max, k) - GrownMin(p, min, k));
        }

        double breakPoint = factor * range;
        for (int k = 0; k < d; k++)
        {
            float low = GrownMin(p, min, k);
            float high = GrownMax(p, max, k);
            double gap = (float)(high - low);
            if (breakPoint <= gap && gap > 0)
            {
                float cut = (float)(low + breakPoint);
                return (k, cut >= high ? MathF.BitDecrement(high) : cut);
            }

            breakPoint -= gap;
        }

        // Rounding left the break point past the last range (factor was almost 1): cut just below the top of the
        // first or the last non-empty range, chosen by a generator seeded from the factor, as the reference does.
        bool fromFirst = new JavaRandom((long)(factor * long.MaxValue / 2)).NextDouble() < 0.5;
        for (int i = 0; i < d; i++)
        {
            int k = fromFirst ? i : d - 1 - i;
            float high = GrownMax(p, max, k);
            if (high > GrownMin(p, min, k))
            {
                return (k, MathF.BitDecrement(high));
            }
        }

        throw new InvalidOperationException("A cut was requested for a box that is a single point equal to the point.");
    }

    private static float GrownMin(ReadOnlySpan<float> p, ReadOnlySpan<float> min, int k) => p[k] < min[k] ? p[k] : min[k];

    private static float GrownMax(ReadOnlySpan<float> p, ReadOnlySpan<float> max, int k) => p[k] > max[k] ? p[k] : max[k];

    private static bool Contains(ReadOnlySpan<float> min, ReadOnlySpan<float> max, ReadOnlySpan<float> p)
    {
        for (int k = 0; k < p.Length; k++)
        {
            if (p[k] < min[k] || p[k] > max[k])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Puts a new internal node with the given cut above <paramref name="node"/>, with a new leaf for the point.</summary>
    private void Split(int node, int pointIndex, ReadOnlySpan<float> p, int dim, float cut, int parent)
    {
        int leafRef = _leafBase + AllocateLeaf(pointIndex);
        int created = AllocateNode();
        if (_cutDim.Length > 0)
        {
            _cutDim[created] = (ushort)dim;
        }

        _cutValue[created] = cut;
        bool pointGoesLeft = p[dim] <= cut;
        _left[created] = (ushort)(pointGoesLeft ? leafRef : node);
        _right[created] = (ushort)(pointGoesLeft ? node : leafRef);
        Replace(parent, node, created);
        RecomputeBox(created);
    }

    /// <summary>Makes <paramref name="replacement"/> take the place of <paramref name="child"/> under <paramref name="parent"/>.</summary>
    private void Replace(int parent, int child, int replacement)
    {
        if (parent == None)
        {
            _root = replacement;
        }
        else if (_left[parent] == child)
        {
            _left[parent] = (ushort)replacement;
        }
        else
        {
            _right[parent] = (ushort)replacement;
        }
    }

    private void ExtendBoxes(int[] path, int depth, ReadOnlySpan<float> p)
    {
        int d = _dims;
        for (int i = 0; i < depth; i++)
        {
            Span<float> box = _box.AsSpan(path[i] * 2 * d, 2 * d);
            for (int k = 0; k < d; k++)
            {
                float v = p[k];
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
    }

    private bool IsStrictlyInside(int node, ReadOnlySpan<float> p)
    {
        int d = _dims;
        ReadOnlySpan<float> box = _box.AsSpan(node * 2 * d, 2 * d);
        for (int k = 0; k < d; k++)
        {
            if (p[k] <= box[k] || p[k] >= box[d + k])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Sets the box of internal <paramref name="node"/> to the union of its children's boxes.</summary>
    private void RecomputeBox(int node)
    {
        int d = _dims;
        Span<float> box = _box.AsSpan(node * 2 * d, 2 * d);
        ChildBox(_left[node], out ReadOnlySpan<float> leftMin, out ReadOnlySpan<float> leftMax);
        ChildBox(_right[node], out ReadOnlySpan<float> rightMin, out ReadOnlySpan<float> rightMax);
        for (int k = 0; k < d; k++)
        {
            box[k] = Math.Min(leftMin[k], rightMin[k]);
            box[d + k] = Math.Max(leftMax[k], rightMax[k]);
        }
    }

    private void ChildBox(int child, out ReadOnlySpan<float> min, out ReadOnlySpan<float> max)
    {
        if (child >= _leafBase)
        {
            min = _store.Get(_leafPoint[child - _leafBase]);
            max = min;
        }
        else
        {
            min = _box.AsSpan(child * 2 * _dims, _dims);
            max = _box.AsSpan(child * 2 * _dims + _dims, _dims);
        }
    }

    /// <summary>
    /// What <see cref="Impute"/> finds when every coordinate is free: no cut constrains the point, and no box
    /// separates a stored point from the subtree holding it (a separation probability of exactly 0), so the answer is
    /// the leaf with the lowest damped seen-score, the leftmost of equals, found without visiting boxes.
    /// </summary>
    private int LeastAnomalousLeafPoint()
    {
        Span<int> stack = _leafBase <= 1024 ? stackalloc int[2 * _leafBase] : new int[2 * _leafBase];
        int top = 0;
        stack[top++] = _root;
        stack[top++] = 0;
        double bestScore = double.PositiveInfinity;
        int bestPoint = -1;
        while (top > 0)
        {
            int depth = stack[--top];
            int node = stack[--top];
            if (node >= _leafBase)
            {
                int leaf = node - _leafBase;
                int leafMass = _leafMass[leaf];
                double score = ScoreFunctions.Damp(leafMass, _mass) * ScoreFunctions.Seen(depth, leafMass);
                if (score < bestScore)
                {
                    (bestScore, bestPoint) = (score, _leafPoint[leaf]);
                }

                continue;
            }

            stack[top++] = _right[node];
            stack[top++] = depth + 1;
            stack[top++] = _left[node];
            stack[top++] = depth + 1;
        }

        return bestPoint;
    }

    private (double Score, int Point) Impute(
        int node, int depth, ReadOnlySpan<float> q, int missingStart, int missingCount, Span<float> candidate)
    {
        if (node >= _leafBase)
        {
            int leaf = node - _leafBase;
            int point = _leafPoint[leaf];
            ReadOnlySpan<float> leafPoint = _store.Get(point);
            bool equal = q[..missingStart].SequenceEqual(leafPoint[..missingStart])
                && q[(missingStart + missingCount)..].SequenceEqual(leafPoint[(missingStart + missingCount)..]);
            int leafMass = _leafMass[leaf];
            double score = equal
                ? ScoreFunctions.Damp(leafMass, _mass) * ScoreFunctions.Seen(depth, leafMass)
                : ScoreFunctions.Unseen(depth);
            return (score, point);
        }

        int dim = CutDim(node);
        (double Score, int Point) best;
        if (dim >= missingStart && dim < missingStart + missingCount)
        {
            var left = Impute(_left[node], depth + 1, q, missingStart, missingCount, candidate);
            var right = Impute(_right[node], depth + 1, q, missingStart, missingCount, candidate);
            best = right.Score < left.Score ? right : left;
        }
        else
        {
            int child = q[dim] <= _cutValue[node] ? _left[node] : _right[node];
            best = Impute(child, depth + 1, q, missingStart, missingCount, candidate);
        }

        q.CopyTo(candidate);
        _store.Get(best.Point).Slice(missingStart, missingCount).CopyTo(candidate.Slice(missingStart, missingCount));
        double probability = SeparationProbability(node, candidate);
        double combined = probability * ScoreFunctions.Unseen(depth) + (1 - probability) * best.Score;
        return (combined, best.Point);
    }

    private int AllocateNode()
    {
        int node = _freeNode;
        Debug.Assert(node != None);
        _freeNode = _left[node] == Unset ? None : _left[node];
        return node;
    }

    private void FreeNode(int node)
    {
        _left[node] = _freeNode == None ? Unset : (ushort)_freeNode;
        _freeNode = node;
    }

    private int AllocateLeaf(int pointIndex)
    {
        int leaf = _freeLeaf;
        Debug.Assert(leaf != None);
        _freeLeaf = _leafPoint[leaf];
        _leafPoint[leaf] = pointIndex;
        _leafMass[leaf] = 1;
        return leaf;
    }

    private void FreeLeaf(int leaf)
    {
        _leafPoint[leaf] = _freeLeaf;
        _leafMass[leaf] = 0;
        _freeLeaf = leaf;
    }

    private void ResetFreeChains() => ChainFreeAfter(0, 0);

    /// <summary>Chains internal nodes from <paramref name="nodes"/> and leaves from <paramref name="leaves"/> as free.</summary>
    private void ChainFreeAfter(int nodes, int leaves)
    {
        _freeNode = None;
        for (int n = _left.Length - 1; n >= nodes; n--)
        {
            FreeNode(n);
        }

        _freeLeaf = None;
        for (int l = _leafPoint.Length - 1; l >= leaves; l--)
        {
            FreeLeaf(l);
        }
    }
}
