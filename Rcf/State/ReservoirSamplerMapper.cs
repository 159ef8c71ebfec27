using TurbineConsole.Rcf.Sampling;
using TurbineConsole.Rcf.Stores;

namespace TurbineConsole.Rcf.State;

/// <summary>
/// Writes and reads a <see cref="ReservoirSampler"/>: its random seed (Int64), its size (Int32), then the weights
/// (floats) and the point-store indexes (Int32) of its entries in heap order.
/// </summary>
internal static class ReservoirSamplerMapper
{
    /// <summary>Writes <paramref name="sampler"/>.</summary>
    public static void Write(ref StateWriter writer, ReservoirSampler sampler)
    {
        writer.WriteInt64(sampler.RandomSeed);
        writer.WriteInt32(sampler.Size);
        writer.WriteSpan(sampler.Weights);
        for (var i = 0; i < sampler.Size; i++)
        {
            writer.WriteInt32(sampler.PointIndex(i));
        }
    }

    /// <summary>Reads a sampler; its indexes must be used slots of <paramref name="store"/>.</summary>
    public static ReservoirSampler Read(ref StateReader reader, int capacity, double timeDecay, PointStore store)
    {
        var randomSeed = reader.ReadInt64();
        var size = reader.ReadInt32();
        if (size < 0 || size > capacity)
        {
            throw new InvalidDataException("Sampler size is out of range.");
        }

        var weights = new float[capacity];
        var pointIndexes = new int[size];
        reader.ReadSpan<float>(weights.AsSpan(0, size));
        reader.ReadSpan<int>(pointIndexes);
        for (var i = 0; i < size; i++)
        {
            if (!store.IsUsed(pointIndexes[i]))
            {
                throw new InvalidDataException("Sampler refers to a point that is not stored.");
            }
        }

        return new ReservoirSampler(timeDecay, randomSeed, weights, pointIndexes, size, store.MaxCapacity);
    }
}
