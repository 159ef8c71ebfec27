namespace TurbineConsole.Pipeline.Streams;

/// <summary>
/// The order a reshard imposes on consumers: a shard is read only once every parent it still has is read to its end, so
/// that each partition key's records are read in order (all of them in the parent, then those in the child). Used by
/// the single process's shard loops and by a cluster's keeper alike.
/// </summary>
public static class ShardLineage
{
    /// <summary>
    /// The shards of <paramref name="listed"/> to run now: not done, and every parent still listed done. A closed shard is
    /// looked up with <paramref name="isDone"/> (unless <paramref name="done"/> holds it already; those found done are
    /// added to it). A cluster's keeper wakes the owners of these shards only.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ReadyShardsAsync(IReadOnlyList<ShardDescription> listed, ISet<string> done,
        Func<string, CancellationToken, Task<bool>> isDone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(listed);
        ArgumentNullException.ThrowIfNull(done);
        ArgumentNullException.ThrowIfNull(isDone);
        foreach (var shard in listed)
        {
            if (!shard.IsOpen && !done.Contains(shard.ShardId) && await isDone(shard.ShardId, cancellationToken))
                done.Add(shard.ShardId);
        }

        var ids = listed.Select(s => s.ShardId).ToHashSet(StringComparer.Ordinal);
        return listed.Where(s => !done.Contains(s.ShardId) && ParentsDone(s, ids, done)).Select(s => s.ShardId).ToList();
    }

    /// <summary>Whether every parent of <paramref name="shard"/> that is still listed is done (parents past the retention are gone).</summary>
    public static bool ParentsDone(ShardDescription shard, IReadOnlySet<string> listed, ISet<string> done) =>
        shard.Parents.All(p => !listed.Contains(p) || done.Contains(p));
}
