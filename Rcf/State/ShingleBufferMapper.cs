using TurbineConsole.Rcf.Preprocessing;

namespace TurbineConsole.Rcf.State;

/// <summary>Writes and reads a <see cref="ShingleBuffer"/>: the count of points received (Int32), then the values (doubles).</summary>
internal static class ShingleBufferMapper
{
    /// <summary>Writes <paramref name="shingle"/>.</summary>
    public static void Write(ref StateWriter writer, ShingleBuffer shingle)
    {
        writer.WriteInt32(shingle.Count);
        writer.WriteSpan(shingle.Values);
    }

    /// <summary>Reads a shingle of <paramref name="shingleSize"/> points of <paramref name="dims"/> values.</summary>
    public static ShingleBuffer Read(ref StateReader reader, int dims, int shingleSize)
    {
        var count = reader.ReadInt32();
        if (count < 0 || count > shingleSize)
        {
            throw new InvalidDataException("Shingle count is out of range.");
        }

        var values = new double[dims * shingleSize];
        reader.ReadSpan<double>(values);
        return new ShingleBuffer(dims, values, count);
    }
}
