using TurbineConsole.Pipeline.Checkpoints;
using TurbineConsole.Pipeline.Streams;

namespace TurbineConsole.Pipeline.Runtime;

/// <summary>
/// The states of a job's keys that left memory (<see cref="Jobs.IKeyedShardProcessor"/>), kept in the checkpoint store
/// under the consumer <c>{job}.keys</c> with the key in place of the shard: one entry per key for the whole stream, so a
/// key found on another shard later finds it too.
/// An entry holds versions, each tagged with the position of the checkpoint that evicted it: the key's state after all
/// its records up to that position. A key's state depends only on its own records, so every version describes one history,
/// also one written by a run that crashed before its checkpoint; a key that comes back at record <c>s</c> takes the newest
/// version before <c>s</c>. Versions up to the shard's committed checkpoint are no longer needed except the newest of them.
/// The rule holds across a split or merge: a closed shard hands every key over at its last position, and a child's
/// sequence numbers are all above its parents' (Kinesis's, kinesalite's, which start with the shard's creation time, and
/// the embedded backend's, which start above every number of the stream), so a key's first record in the child finds the
/// parent's handover, and a child replaying after a crash finds, for each record, the version before it, whichever shard
/// wrote it.
/// In a cluster (<see cref="FencedCheckpointStore"/> fencing the job) an entry is written only while this worker
/// still owns <paramref name="shardId"/>, and compare-and-swap, so two workers writing one key's entry lose no version.
/// </summary>
internal sealed class ParkedKeyStates(ICheckpointStore store, string job, string streamName, string shardId)
{
    private const byte FormatVersion = 1;

    /// <summary>The consumer name the entries are kept under.</summary>
    public string Consumer { get; } = job + ".keys";

    /// <summary>The newest state of <paramref name="key"/> saved at a position before <paramref name="sequenceNumber"/>; null when none.</summary>
    public async Task<byte[]?> LoadAsync(string key, string sequenceNumber, CancellationToken cancellationToken)
    {
        var entry = await store.LoadAsync(Consumer, streamName, key, cancellationToken);
        if (entry is null)
            return null;
        return Read(entry.State.Span)
            .Where(v => SequenceNumbers.Compare(v.Position, sequenceNumber) < 0)
            .OrderBy(v => v.Position, Comparer<string>.Create(SequenceNumbers.Compare))
            .Select(v => v.State)
            .LastOrDefault();
    }

    /// <summary>
    /// Adds the state of <paramref name="key"/> at checkpoint <paramref name="position"/>, before that checkpoint is saved;
    /// <paramref name="committed"/> is the shard's last saved checkpoint (null: none).
    /// </summary>
    public async Task SaveAsync(string key, string position, byte[] state, string? committed, CancellationToken cancellationToken)
    {
        Checkpoint Update(Checkpoint? entry) => WithVersion(entry, key, position, state, committed);
        if (store is FencedCheckpointStore fenced && fenced.IsFenced(job))
            await fenced.UpdateForShardAsync(job, streamName, shardId, Consumer, key, Update, cancellationToken);
        else
            await store.SaveAsync(Update(await store.LoadAsync(Consumer, streamName, key, cancellationToken)), cancellationToken);
    }

    /// <summary>The entry of <paramref name="key"/> with the version at <paramref name="position"/> added, and those settled by <paramref name="committed"/> removed.</summary>
    private Checkpoint WithVersion(Checkpoint? entry, string key, string position, byte[] state, string? committed)
    {
        var versions = entry is null ? [] : ReadOrNone(entry.State.Span);
        versions.RemoveAll(v => v.Position == position);
        versions.Add((position, state));
        versions.Sort((a, b) => SequenceNumbers.Compare(a.Position, b.Position));
        if (committed is not null)
        {
            var settled = versions.FindLastIndex(v => SequenceNumbers.Compare(v.Position, committed) <= 0);
            if (settled > 0)
                versions.RemoveRange(0, settled);
        }
        return new Checkpoint(Consumer, streamName, key, versions[^1].Position, Write(versions));
    }

    /// <summary>The versions of an entry; none when it cannot be read (it is then replaced).</summary>
    private static List<(string Position, byte[] State)> ReadOrNone(ReadOnlySpan<byte> data)
    {
        try
        {
            return Read(data);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException)
        {
            return [];
        }
    }

    private static List<(string Position, byte[] State)> Read(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty || data[0] != FormatVersion)
            throw new InvalidDataException($"A saved key state has format {(data.IsEmpty ? "(empty)" : data[0])}, expected {FormatVersion}.");
        using var reader = new BinaryReader(new MemoryStream(data[1..].ToArray()));
        var count = reader.ReadInt32();
        if (count < 0)
            throw new InvalidDataException($"A saved key state claims {count} versions.");
        var versions = new List<(string, byte[])>(count);
        for (var i = 0; i < count; i++)
            versions.Add((reader.ReadString(), reader.ReadBytes(reader.ReadInt32())));
        return versions;
    }

    private static byte[] Write(List<(string Position, byte[] State)> versions)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write(FormatVersion);
            writer.Write(versions.Count);
            foreach (var (position, state) in versions)
            {
                writer.Write(position);
                writer.Write(state.Length);
                writer.Write(state);
            }
        }
        return stream.ToArray();
    }
}
