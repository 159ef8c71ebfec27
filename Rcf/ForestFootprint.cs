namespace TurbineConsole.Rcf;

/// <summary>
/// Where a forest's memory goes: the heap bytes of its arrays (headers included) by part. Objects themselves (a tree,
/// a node store, a sampler per tree: a few hundred bytes each) are not counted; the rcf benchmark measures the whole
/// heap beside this.
/// </summary>
/// <param name="Nodes">Children, cut dimensions and cut values of every tree's internal nodes.</param>
/// <param name="Boxes">Cached bounding boxes.</param>
/// <param name="LeafCounts">Copies held by the leaves that hold more than one.</param>
/// <param name="Samples">Every sampler's weights and point indexes.</param>
/// <param name="Points">The shared point store: coordinates and reference counts.</param>
/// <param name="Other">The shingle and the scratch arrays.</param>
internal readonly record struct ForestFootprint(long Nodes, long Boxes, long LeafCounts, long Samples, long Points, long Other)
{
    /// <summary>All the arrays.</summary>
    public long Total => Nodes + Boxes + LeafCounts + Samples + Points + Other;
}
