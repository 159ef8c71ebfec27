namespace TurbineConsole.Rcf;

/// <summary>
/// The 48-bit linear congruential generator specified for java.util.Random (multiplier 0x5DEECE66D, addend 11),
/// used so that a forest seeded like the reference library draws the same random numbers in the same order and
/// therefore builds the same trees. Its whole state is one number.
/// </summary>
internal struct JavaRandom
{
    private const long Multiplier = 0x5DEECE66DL;
    private const long Addend = 0xBL;
    private const long Mask = (1L << 48) - 1;

    /// <summary>The current 48-bit state.</summary>
    private long _state;

    /// <summary>A generator seeded as java.util.Random(seed) is.</summary>
    public JavaRandom(long seed)
    {
        _state = (seed ^ Multiplier) & Mask;
    }

    /// <summary>Next 64 random bits, as nextLong() composes them from two 32-bit draws.</summary>
    public long NextLong()
    {
        var high = (long)Next(32) << 32;
        return unchecked(high + Next(32));
    }

    /// <summary>Uniform double in [0, 1) from 53 random bits, as nextDouble() composes them.</summary>
    public double NextDouble()
    {
        var high = (long)Next(26) << 27;
        return (high + Next(27)) * (1.0 / (1L << 53));
    }

    /// <summary>
    /// One draw of a generator that is re-seeded for every call, as the reference's samplers and trees do:
    /// seeds a generator with <paramref name="seed"/>, replaces <paramref name="seed"/> with its first long and
    /// returns the generator for the draws of this call.
    /// </summary>
    public static JavaRandom Replay(ref long seed)
    {
        var random = new JavaRandom(seed);
        seed = random.NextLong();
        return random;
    }

    private int Next(int bits)
    {
        _state = unchecked(_state * Multiplier + Addend) & Mask;
        return unchecked((int)(_state >> (48 - bits)));
    }
}
