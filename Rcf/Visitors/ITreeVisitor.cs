namespace TurbineConsole.Rcf.Visitors;

/// <summary>
/// What <see cref="Trees.RandomCutTree.Traverse{TVisitor}"/> calls while it walks a tree: first the leaf the query
/// point reaches, then each internal node on the way back up to the root, until the visitor has converged. A visitor
/// that asks for both sides of a node (<see cref="SplitsAt"/>) is copied: the original goes left, the copy right,
/// and <see cref="Combine"/> merges the copy back before the node itself is accepted.
/// Visitors are structs, usually ref structs over the query, so the traversal is compiled for each one: no
/// allocation and no virtual call per node.
/// </summary>
/// <typeparam name="TSelf">The visitor type itself.</typeparam>
internal interface ITreeVisitor<TSelf>
    where TSelf : struct, ITreeVisitor<TSelf>, allows ref struct
{
    /// <summary>Whether the result is settled, so the nodes further up need not be accepted.</summary>
    bool IsConverged { get; }

    /// <summary>Whether the traversal should explore both children of internal <paramref name="node"/>.</summary>
    bool SplitsAt(int node);

    /// <summary>Visits the leaf reached (0-based leaf number) at <paramref name="depth"/> (the root is at 0).</summary>
    void AcceptLeaf(int leaf, int depth);

    /// <summary>
    /// Visits internal <paramref name="node"/> at <paramref name="depth"/>, after everything below it on the path;
    /// <paramref name="box"/> is its bounding box (d mins, then d maxes), valid only during the call.
    /// </summary>
    void Accept(int node, int depth, scoped ReadOnlySpan<float> box);

    /// <summary>Merges the copy that explored the right side of a split into this visitor (which explored the left).</summary>
    void Combine(ref TSelf other);
}
