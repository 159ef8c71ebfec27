using TurbineConsole.Rcf.Stores;
using TurbineConsole.Rcf.Trees;

namespace TurbineConsole.Rcf.State;

/// <summary>
/// Writes and reads a <see cref="RandomCutTree"/>: its random seed (Int64) and mass (Int32), then, unless empty, its
/// nodes in preorder, each a tag byte followed by (cut dimension UInt16, cut value float) for an internal node (tag
/// 0) or (point index Int32, mass UInt16) for a leaf (tag 1). Boxes are not written: they are rebuilt on reading.
/// </summary>
internal static class RandomCutTreeMapper
{
    /// <summary>Writes <paramref name="tree"/>, using <paramref name="stack"/> (capacity + 1 entries) as scratch.</summary>
    public static void Write(ref StateWriter writer, RandomCutTree tree, int[] stack)
    {
        writer.WriteInt64(tree.RandomSeed);
        writer.WriteInt32(tree.Mass);
        if (tree.Root == NodeStore.None)
        {
            return;
        }

        var nodes = tree.Nodes;
        var top = 0;
        stack[top++] = tree.Root;
        while (top > 0)
        {
            var node = stack[--top];
            if (nodes.IsLeaf(node))
            {
                var leaf = nodes.LeafOf(node);
                writer.WriteByte(1);
                writer.WriteInt32(nodes.LeafPoint(leaf));
                writer.WriteUInt16((ushort)nodes.LeafMass(leaf));
            }
            else
            {
                writer.WriteByte(0);
                writer.WriteUInt16((ushort)nodes.CutDimension(node));
                writer.WriteSingle(nodes.CutValue(node));
                stack[top++] = nodes.Right(node);
                stack[top++] = nodes.Left(node);
            }
        }
    }

    /// <summary>
    /// Reads a tree of up to <paramref name="capacity"/> points of <paramref name="store"/> that caches the boxes of
    /// <paramref name="boundingBoxCacheFraction"/> of its nodes, checking every reference, with
    /// <paramref name="stack"/> (capacity + 1 entries) as scratch. <paramref name="leafMarks"/> (one entry per store
    /// slot) must hold no <paramref name="mark"/>, which is different for each tree read with it: it catches a point
    /// in two leaves of one tree.
    /// </summary>
    public static RandomCutTree Read(
        ref StateReader reader,
        PointStore store,
        int capacity,
        double boundingBoxCacheFraction,
        int[] stack,
        int[] leafMarks,
        int mark)
    {
        var randomSeed = reader.ReadInt64();
        var mass = reader.ReadInt32();
        if (mass < 0 || mass > capacity)
        {
            throw new InvalidDataException("Tree mass is out of range.");
        }

        var nodes = new NodeStore(store, capacity, boundingBoxCacheFraction);
        if (mass == 0)
        {
            return new RandomCutTree(nodes, NodeStore.None, mass, randomSeed);
        }

        var root = NodeStore.None;
        var internalNodes = 0;
        var leaves = 0;
        var leafMassSum = 0;
        var top = 0;
        while (true)
        {
            var tag = reader.ReadByte();
            int reference;
            if (tag == 1)
            {
                var point = reader.ReadInt32();
                var leafMass = reader.ReadUInt16();
                if (leaves >= capacity || leafMass == 0 || !store.IsUsed(point))
                {
                    throw new InvalidDataException("Tree leaf is out of range.");
                }

                if (leafMarks[point] == mark)
                {
                    throw new InvalidDataException("Tree holds a point in two leaves.");
                }

                leafMarks[point] = mark;
                leafMassSum += leafMass;
                leaves++;
                reference = nodes.LoadLeaf(point, leafMass);
            }
            else if (tag == 0)
            {
                int dim = reader.ReadUInt16();
                var cut = reader.ReadSingle();
                if (internalNodes >= capacity - 1 || dim >= nodes.Dimensions || !float.IsFinite(cut))
                {
                    throw new InvalidDataException("Tree node is out of range.");
                }

                nodes.LoadNode(internalNodes, dim, cut);
                reference = internalNodes++;
            }
            else
            {
                throw new InvalidDataException($"Tree node tag {tag} is unknown.");
            }

            if (top == 0)
            {
                if (root != NodeStore.None)
                {
                    throw new InvalidDataException("Tree has more than one root.");
                }

                root = reference;
            }
            else if (nodes.AttachLoadedChild(stack[top - 1], reference))
            {
                top--;
            }

            if (!nodes.IsLeaf(reference))
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

        nodes.CompleteLoad(internalNodes);
        return new RandomCutTree(nodes, root, mass, randomSeed);
    }
}
