using TurbineConsole.Rcf.Stores;

namespace TurbineConsole.Rcf.State;

/// <summary>
/// Writes and reads a <see cref="PointStore"/>: the number of slots (Int32), every slot's state (Int32: a reference
/// count, or negative when free), then every slot's coordinates (floats), as two blocks.
/// </summary>
internal static class PointStoreMapper
{
    /// <summary>Writes <paramref name="store"/>.</summary>
    public static void Write(ref StateWriter writer, PointStore store)
    {
        writer.WriteInt32(store.Capacity);
        for (var i = 0; i < store.Capacity; i++)
        {
            writer.WriteInt32(store.SlotState(i));
        }

        writer.WriteSpan(store.Values);
    }

    /// <summary>Reads a store of points of <paramref name="stride"/> floats, checking every used slot.</summary>
    public static PointStore Read(ref StateReader reader, int stride, int maxCapacity)
    {
        var capacity = reader.ReadInt32();
        if (capacity < 1 || capacity > maxCapacity)
        {
            throw new InvalidDataException($"Point store capacity {capacity} is out of range.");
        }

        var states = new int[capacity];
        var values = new float[capacity * stride];
        reader.ReadSpan<int>(states);
        reader.ReadSpan<float>(values);
        for (var i = capacity - 1; i >= 0; i--)
        {
            if (states[i] == 0)
            {
                throw new InvalidDataException("Point store holds a point that nothing refers to.");
            }

            if (states[i] > 0 && !AllFinite(values.AsSpan(i * stride, stride)))
            {
                throw new InvalidDataException("Point store holds a value that is not a finite number.");
            }
        }

        return new PointStore(stride, maxCapacity, values, states);
    }

    private static bool AllFinite(ReadOnlySpan<float> values)
    {
        foreach (var value in values)
        {
            if (!float.IsFinite(value))
            {
                return false;
            }
        }

        return true;
    }
}
