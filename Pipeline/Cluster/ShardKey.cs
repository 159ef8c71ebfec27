namespace TurbineConsole.Pipeline.Cluster;

/// <summary>A consumer's shard as a grain key: <c>consumer/shardId</c>.</summary>
/// <param name="Consumer">The consumer's name, as in its checkpoints.</param>
/// <param name="ShardId">The shard.</param>
internal readonly record struct ShardKey(string Consumer, string ShardId)
{
    /// <summary>The grain key.</summary>
    public override string ToString() => Consumer + "/" + ShardId;

    /// <summary>The key a grain was activated with.</summary>
    public static ShardKey Parse(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == key.Length - 1)
            throw new FormatException($"'{key}' is not a shard owner's key (consumer/shardId).");
        return new ShardKey(key[..slash], key[(slash + 1)..]);
    }

    /// <summary>
    /// The shard's number: the digits that end a Kinesis shard id (<c>shardId-000000000003</c> is 3), so that shards
    /// numbered in a row spread over the workers one each; a stable hash for an id that does not end in digits.
    /// </summary>
    public static long Number(string shardId)
    {
        var start = shardId.Length;
        while (start > 0 && char.IsAsciiDigit(shardId[start - 1]))
            start--;
        if (start < shardId.Length && shardId.Length - start <= 18)
            return long.Parse(shardId.AsSpan(start), System.Globalization.CultureInfo.InvariantCulture);
        var hash = 2166136261u;
        foreach (var c in shardId)
            hash = (hash ^ c) * 16777619u;
        return hash;
    }
}
