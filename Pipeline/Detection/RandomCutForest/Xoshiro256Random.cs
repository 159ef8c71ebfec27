namespace TurbineConsole.Pipeline.Detection.RandomCutForest;

/// <summary>A small seeded generator (xoshiro256**) whose whole state is four numbers, so it can be checkpointed.</summary>
internal sealed class Xoshiro256Random
{
    /// <summary>Number of 64-bit words of state.</summary>
    public const int StateWords = 4;

    /// <summary>The generator state.</summary>
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>Creates a generator whose state is expanded from <paramref name="seed"/> with SplitMix64.</summary>
    public Xoshiro256Random(ulong seed)
    {
        _s0 = SplitMix(ref seed);
        _s1 = SplitMix(ref seed);
        _s2 = SplitMix(ref seed);
        _s3 = SplitMix(ref seed);
    }

    /// <summary>Creates a generator from a saved state.</summary>
    public Xoshiro256Random(ReadOnlySpan<ulong> state)
    {
        if (state.Length != StateWords || (state[0] | state[1] | state[2] | state[3]) == 0)
        {
            throw new InvalidDataException("Random generator state is invalid.");
        }

        (_s0, _s1, _s2, _s3) = (state[0], state[1], state[2], state[3]);
    }

    /// <summary>Copies the state into <paramref name="state"/> (four words).</summary>
    public void SaveState(Span<ulong> state)
    {
        state[0] = _s0;
        state[1] = _s1;
        state[2] = _s2;
        state[3] = _s3;
    }

    /// <summary>Next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform double in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>One SplitMix64 step, used to expand seeds.</summary>
    public static ulong SplitMix(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
