namespace TurbineConsole.Pipeline.Streams;

/// <summary>
/// Order of sequence numbers. Kinesis's are decimal numbers of up to 128 digits that grow within a shard (and a child
/// shard's start above its parent's); the embedded backend's are zero-padded decimals. Compared as numbers: the longer
/// (leading zeros aside) is the larger, equal lengths compare digit by digit.
/// </summary>
public static class SequenceNumbers
{
    /// <summary>Negative when <paramref name="a"/> comes before <paramref name="b"/>, zero when equal, positive after.</summary>
    public static int Compare(string a, string b)
    {
        var x = a.AsSpan().TrimStart('0');
        var y = b.AsSpan().TrimStart('0');
        return x.Length != y.Length ? x.Length.CompareTo(y.Length) : x.SequenceCompareTo(y);
    }
}
